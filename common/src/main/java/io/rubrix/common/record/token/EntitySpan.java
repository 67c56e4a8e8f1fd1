package io.rubrix.common.record.token;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An entity: a label over the characters {@code [start, end)} of the record's raw text. */
@JsonPropertyOrder({"start", "end", "label"})
@RegisterForReflection
public record EntitySpan(Integer start, Integer end, String label) {
}

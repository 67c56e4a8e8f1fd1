package io.rubrix.annotation.label;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.TaskRecord;

/** A record as a person left it, with the version to send with the next change. */
@JsonPropertyOrder({"version", "record"})
@RegisterForReflection
public record LabelledRecord(@JsonProperty("version") String version, @JsonProperty("record") TaskRecord record) {
}

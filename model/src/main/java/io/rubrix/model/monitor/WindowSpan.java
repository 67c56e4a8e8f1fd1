package io.rubrix.model.monitor;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/** A window's bounds and its records, as an evaluation read them. */
@JsonPropertyOrder({"from", "to", "count"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowSpan(
        @JsonProperty("from") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant from,
        @JsonProperty("to") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant to,
        @JsonProperty("count") long count) {
}

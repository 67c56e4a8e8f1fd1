package io.rubrix.model.team;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/**
 * A reviewer's decision on a record: {@code pick} names the person whose response they chose as it was, null when
 * they edited one or wrote their own.
 */
@JsonPropertyOrder({"by", "at", "pick"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Review(
        @JsonProperty("by") String by,
        @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant at,
        @JsonProperty("pick") String pick) {
}

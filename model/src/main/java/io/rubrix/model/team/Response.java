package io.rubrix.model.team;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/**
 * One person's response to one record: the task's annotation object (its agent is the person), its status, when
 * it was last written, and its own version, which the person sends back as {@code If-Match} so that a second tab
 * cannot overwrite it unseen.
 */
@JsonPropertyOrder({"user", "status", "annotation", "at", "version"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Response(
        @JsonProperty("user") String user,
        @JsonProperty("status") ResponseStatus status,
        @JsonProperty("annotation") JsonNode annotation,
        @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant at,
        @JsonProperty("version") long version) {
}

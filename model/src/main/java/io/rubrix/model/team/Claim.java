package io.rubrix.model.team;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/**
 * A record handed to {@code user} by their queue, until {@code until}: while it holds it counts towards the record's
 * required responses, so that people working at once are not all handed the same record.
 */
public record Claim(
        @JsonProperty("user") String user,
        @JsonProperty("until") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant until) {

    public boolean activeAt(Instant now) {
        return until.isAfter(now);
    }
}

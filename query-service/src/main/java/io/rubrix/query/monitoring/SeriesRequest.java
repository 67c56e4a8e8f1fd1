package io.rubrix.query.monitoring;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Timestamps;

/**
 * Which records ({@code query}), over which {@code event_timestamp} range ({@code from} inclusive, {@code to}
 * exclusive; either absent: the data's own bounds), in buckets of {@code interval}: {@code 30s}, {@code 5m},
 * {@code 1h}, {@code 1d} ... or {@code week}, {@code month}, {@code quarter}, {@code year}.
 */
@RegisterForReflection
public record SeriesRequest(
        @JsonProperty("query") RecordQuery query,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("interval") String interval) {

    public RecordQuery queryOrAll() {
        return query == null ? RecordQuery.all() : query;
    }

    /** {@code from} as an instant (null when absent), or a 400 naming the field. */
    public Instant fromInstant() {
        return instant("from", from);
    }

    public Instant toInstant() {
        return instant("to", to);
    }

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    // Read here rather than by a Jackson deserializer: Quarkus' generated body readers skip @JsonDeserialize.
    private static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "'" + text + "' is not an ISO-8601 date-time (e.g. 2026-11-28T10:00:00Z)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badRequest(field, "'" + text + "' is outside the years 0000 to 9999");
        }
        return instant;
    }
}

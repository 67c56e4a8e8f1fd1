package io.rubrix.model.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.query.QueryTextFields;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.validation.Violation;

/**
 * What a monitor's live window is compared with (ADR 0014): {@code range}, the records of a fixed time range
 * {@code [from, to)} of event_timestamp; {@code query}, the records matching {@code query} (the search syntax), within
 * {@code [from, to)} when given; {@code preceding}, the window of the same length right before the live one.
 */
@JsonPropertyOrder({"kind", "from", "to", "query"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reference(
        @JsonProperty("kind") ReferenceKind kind,
        @JsonProperty("from") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant from,
        @JsonProperty("to") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant to,
        @JsonProperty("query") String query) {

    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        if (kind == null) {
            violations.add(new Violation("reference.kind", "is required: range, query or preceding"));
            return violations;
        }
        if (kind == ReferenceKind.range && (from == null || to == null)) {
            violations.add(new Violation("reference.from", "a range reference needs from and to"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("reference.from", "must be before reference.to"));
        }
        if (kind == ReferenceKind.query) {
            if (query == null || query.isBlank()) {
                violations.add(new Violation("reference.query", "a query reference needs a query"));
            } else if (query.length() > Monitor.QUERY_LENGTH) {
                violations.add(new Violation("reference.query", "is longer than " + Monitor.QUERY_LENGTH
                        + " characters"));
            } else {
                QueryTextFields.refused(query).ifPresent(reason -> violations.add(new Violation("reference.query",
                        reason)));
            }
        } else if (query != null) {
            violations.add(new Violation("reference.query", "only a query reference has a query"));
        }
        if (kind == ReferenceKind.preceding && (from != null || to != null)) {
            violations.add(new Violation("reference.from", "a preceding reference has no from or to: it is the "
                    + "window before the live one"));
        }
        return violations;
    }
}

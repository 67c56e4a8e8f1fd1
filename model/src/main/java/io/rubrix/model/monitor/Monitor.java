package io.rubrix.model.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.query.QueryTextFields;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.validation.Violation;

/**
 * A drift monitor (ADR 0014): every {@code every}, the records of the live window (the last {@code window} of
 * event_timestamp) are compared with the {@code reference}'s, measure by measure, both narrowed to {@code query}
 * when given; a measure whose statistic crosses its threshold raises an alert, and clears it when back below.
 * Written by admins into the dataset's descriptor, one key per monitor.
 */
@JsonPropertyOrder({"name", "description", "query", "reference", "window", "every", "min_records", "measures",
        "webhook", "author", "created_at", "updated_at"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Monitor(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("query") String query,
        @JsonProperty("reference") Reference reference,
        @JsonProperty("window") String window,
        @JsonProperty("every") String every,
        @JsonProperty("min_records") Integer minRecords,
        @JsonProperty("measures") List<Measure> measures,
        @JsonProperty("webhook") Webhook webhook,
        @JsonProperty("author") String author,
        @JsonProperty("created_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant createdAt,
        @JsonProperty("updated_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant updatedAt) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final int QUERY_LENGTH = 2_000;
    public static final int DESCRIPTION_LENGTH = 2_000;
    public static final int MEASURES = 20;
    /** A dataset's monitors are read with its descriptor: a set stays small. */
    public static final int PER_DATASET = 50;
    public static final Duration SHORTEST_PERIOD = Duration.ofSeconds(5);
    public static final Duration LONGEST_WINDOW = Duration.ofDays(366);
    public static final int DEFAULT_MIN_RECORDS = 50;

    public Monitor {
        measures = measures == null ? List.of()
                : List.copyOf(measures.stream().filter(measure -> measure != null).toList());
    }

    /** The live window's length. */
    @JsonIgnore
    public Duration windowLength() {
        return Span.parse(window).orElseThrow();
    }

    /** How often the monitor is evaluated. */
    @JsonIgnore
    public Duration period() {
        return Span.parse(every).orElseThrow();
    }

    /** Below this many records in either window (annotated ones for accuracy and F1), a measure is not judged. */
    @JsonIgnore
    public int leastRecords() {
        return minRecords == null ? DEFAULT_MIN_RECORDS : minRecords;
    }

    /** This monitor as stored (the webhook's secret apart): defaults filled in, written by {@code writer} now, first written at {@code firstWritten}. */
    public Monitor writtenBy(String writer, Instant firstWritten, Instant now) {
        return new Monitor(name, description, query, reference, window, every, leastRecords(),
                measures.stream().map(Measure::completed).toList(), webhook == null ? null : webhook.stored(), writer,
                firstWritten == null ? now : firstWritten, now);
    }

    /** What is wrong with this monitor; {@code secretKept}: its webhook may leave out the secret set before. */
    public List<Violation> violations(boolean secretKept) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add(new Violation("name", "must be 1 to 64 letters, digits, '-' or '_', starting with a letter "
                    + "or digit"));
        }
        if (description != null && description.length() > DESCRIPTION_LENGTH) {
            violations.add(new Violation("description", "is longer than " + DESCRIPTION_LENGTH + " characters"));
        }
        if (query != null && !query.isBlank()) {
            if (query.length() > QUERY_LENGTH) {
                violations.add(new Violation("query", "is longer than " + QUERY_LENGTH + " characters"));
            } else {
                QueryTextFields.refused(query).ifPresent(reason -> violations.add(new Violation("query", reason)));
            }
        }
        if (reference == null) {
            violations.add(new Violation("reference", "is required: {\"kind\": \"range\", \"from\": ..., \"to\": ...}, "
                    + "{\"kind\": \"query\", \"query\": ...} or {\"kind\": \"preceding\"}"));
        } else {
            violations.addAll(reference.violations());
        }
        Duration windowLength = Span.parse(window).orElse(null);
        if (windowLength == null || windowLength.compareTo(SHORTEST_PERIOD) < 0
                || windowLength.compareTo(LONGEST_WINDOW) > 0) {
            violations.add(new Violation("window", "is required: the live window's length, e.g. 15m, 1h or 7d, from "
                    + SHORTEST_PERIOD.toSeconds() + "s to 366d"));
        }
        Duration period = Span.parse(every).orElse(null);
        if (period == null || period.compareTo(SHORTEST_PERIOD) < 0 || period.compareTo(LONGEST_WINDOW) > 0) {
            violations.add(new Violation("every", "is required: how often to evaluate, e.g. 1m or 1h, from "
                    + SHORTEST_PERIOD.toSeconds() + "s to 366d"));
        }
        if (minRecords != null && (minRecords < 1 || minRecords > 1_000_000)) {
            violations.add(new Violation("min_records", "must be from 1 to 1000000"));
        }
        if (measures.isEmpty()) {
            violations.add(new Violation("measures", "is required: at least one measure to compare"));
        } else if (measures.size() > MEASURES) {
            violations.add(new Violation("measures", "has " + measures.size() + "; a monitor has at most " + MEASURES));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < measures.size(); i++) {
            List<Violation> wrong = measures.get(i).violations("measures[" + i + "]");
            violations.addAll(wrong);
            if (wrong.isEmpty() && !ids.add(measures.get(i).id())) {
                violations.add(new Violation("measures[" + i + "]", "measure '" + measures.get(i).id()
                        + "' appears more than once"));
            }
        }
        if (webhook != null) {
            violations.addAll(webhook.violations(secretKept));
        }
        return violations;
    }
}

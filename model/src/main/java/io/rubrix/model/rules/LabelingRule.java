package io.rubrix.model.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.query.QueryTextFields;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violation;

/**
 * A labelling rule (ADR 0013): records matching {@code query} (the search syntax of {@code query_text}: words, phrases,
 * {@code AND}/{@code OR}/{@code NOT}, {@code inputs.subject:prize}, {@code metadata.source:web}) get a vote for
 * {@code labels}; the others abstain. Written by people (admins and annotators) into the dataset's descriptor.
 */
@JsonPropertyOrder({"name", "query", "labels", "description", "author", "created_at", "updated_at"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelingRule(
        @JsonProperty("name") String name,
        @JsonProperty("query") String query,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("description") String description,
        @JsonProperty("author") String author,
        @JsonProperty("created_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant createdAt,
        @JsonProperty("updated_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant updatedAt) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final int QUERY_LENGTH = 2_000;
    public static final int DESCRIPTION_LENGTH = 2_000;
    public static final int LABELS = 20;
    /** A dataset's rules are read with its descriptor on every request: a set stays small. */
    public static final int PER_DATASET = 100;

    public LabelingRule {
        labels = labels == null ? List.of() : List.copyOf(labels.stream().filter(label -> label != null).toList());
    }

    /** This rule as written by {@code author} now, keeping when it was first written. */
    public LabelingRule writtenBy(String writer, Instant firstWritten, Instant now) {
        return new LabelingRule(name, query, labels, description, writer, firstWritten == null ? now : firstWritten,
                now);
    }

    /** What is wrong with this rule: its name, query, labels and description. */
    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add(new Violation("name", "must be 1 to 64 letters, digits, '-' or '_', starting with a letter "
                    + "or digit"));
        }
        if (query == null || query.isBlank()) {
            violations.add(new Violation("query", "is required: the records the rule labels, in the search syntax"));
        } else if (query.length() > QUERY_LENGTH) {
            violations.add(new Violation("query", "is longer than " + QUERY_LENGTH + " characters"));
        } else {
            QueryTextFields.refused(query).ifPresent(reason -> violations.add(new Violation("query", reason)));
        }
        if (labels.isEmpty()) {
            violations.add(new Violation("labels", "is required: the label (or labels) the rule votes for"));
        } else if (labels.size() > LABELS) {
            violations.add(new Violation("labels", "has " + labels.size() + " labels; a rule votes for at most "
                    + LABELS));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label.isBlank()) {
                violations.add(new Violation("labels[" + i + "]", "must not be empty"));
            } else if (label.length() > Limits.LABEL_LENGTH) {
                violations.add(new Violation("labels[" + i + "]", "is longer than " + Limits.LABEL_LENGTH
                        + " characters"));
            } else if (!seen.add(label)) {
                violations.add(new Violation("labels[" + i + "]", "label '" + label + "' appears more than once"));
            }
        }
        if (description != null && description.length() > DESCRIPTION_LENGTH) {
            violations.add(new Violation("description", "is longer than " + DESCRIPTION_LENGTH + " characters"));
        }
        return violations;
    }
}

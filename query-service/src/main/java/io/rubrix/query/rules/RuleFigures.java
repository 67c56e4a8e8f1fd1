package io.rubrix.query.rules;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.rules.LabelingRule;

/**
 * What a labelling rule does to a dataset's records (ADR 0013), counted by Elasticsearch aggregations in one search.
 * Shares are of all records ({@code coverage}) or of the annotated ones ({@code coverage_annotated}); {@code
 * precision} is null when the rule matches no annotated record. A record is annotated when its annotation gives it a
 * label ({@code annotated_as}); for token classification the figures are per record, and a record counts as correct
 * when its annotation has an entity of one of the rule's labels (there {@code annotated_as} holds the entity labels).
 *
 * @param matched           records the rule's query matches
 * @param matchedAnnotated  of those, the annotated ones
 * @param correct           matched annotated records annotated with one of the rule's labels
 * @param incorrect         the other matched annotated records
 * @param overlaps          matched records another saved rule matches too
 * @param conflicts         matched records another saved rule matches that names a label this rule does not name
 */
@JsonPropertyOrder({"total_records", "annotated_records", "matched", "coverage", "matched_annotated",
        "coverage_annotated", "correct", "incorrect", "precision", "overlaps", "conflicts"})
@RegisterForReflection
public record RuleFigures(
        @JsonProperty("total_records") long totalRecords,
        @JsonProperty("annotated_records") long annotatedRecords,
        @JsonProperty("matched") long matched,
        @JsonProperty("coverage") double coverage,
        @JsonProperty("matched_annotated") long matchedAnnotated,
        @JsonProperty("coverage_annotated") double coverageAnnotated,
        @JsonProperty("correct") long correct,
        @JsonProperty("incorrect") long incorrect,
        @JsonProperty("precision") @JsonInclude(JsonInclude.Include.ALWAYS) Double precision,
        @JsonProperty("overlaps") long overlaps,
        @JsonProperty("conflicts") long conflicts) {

    static RuleFigures of(long total, long annotated, long matched, long matchedAnnotated, long correct, long overlaps,
            long conflicts) {
        return new RuleFigures(total, annotated, matched, share(matched, total), matchedAnnotated,
                share(matchedAnnotated, annotated), correct, matchedAnnotated - correct,
                matchedAnnotated == 0 ? null : correct / (double) matchedAnnotated, overlaps, conflicts);
    }

    /** {@code part / whole}, 0 when {@code whole} is 0. */
    static double share(long part, long whole) {
        return whole == 0 ? 0.0 : part / (double) whole;
    }

    /** A saved rule as the descriptor holds it, with its figures. */
    @JsonPropertyOrder({"name", "query", "labels", "description", "author", "created_at", "updated_at", "figures"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Rule(
            @JsonProperty("name") String name,
            @JsonProperty("query") String query,
            @JsonProperty("labels") List<String> labels,
            @JsonProperty("description") String description,
            @JsonProperty("author") String author,
            @JsonProperty("created_at") @JsonSerialize(using = Timestamps.Writer.class) Instant createdAt,
            @JsonProperty("updated_at") @JsonSerialize(using = Timestamps.Writer.class) Instant updatedAt,
            @JsonProperty("figures") RuleFigures figures) {

        static Rule of(LabelingRule rule, RuleFigures figures) {
            return new Rule(rule.name(), rule.query(), rule.labels(), rule.description(), rule.author(),
                    rule.createdAt(), rule.updatedAt(), figures);
        }
    }

    /** The figures of a rule not saved ({@code POST .../labeling/rules:figures}). */
    @RegisterForReflection
    public record Draft(@JsonProperty("figures") RuleFigures figures) {
    }

    /** Every saved rule with its figures, oldest first, and the figures of the set. */
    @JsonPropertyOrder({"rules", "totals"})
    @RegisterForReflection
    public record Listing(@JsonProperty("rules") List<Rule> rules, @JsonProperty("totals") Totals totals) {
    }

    /**
     * The figures of the whole set of saved rules. {@code matched} and {@code coverage}: records some rule matches;
     * {@code overlaps}: records at least two rules match; {@code conflicts}: records matched by rules of different
     * labels (of different label sets, for rules of several labels: the records some rule counts among its
     * conflicts). {@code correct}, {@code incorrect} and {@code precision} are summed over the rules: a record that
     * several rules match counts once per rule (the precision of the set's votes, not of records).
     */
    @JsonPropertyOrder({"rules", "total_records", "annotated_records", "matched", "coverage", "matched_annotated",
            "coverage_annotated", "correct", "incorrect", "precision", "overlaps", "conflicts"})
    @RegisterForReflection
    public record Totals(
            @JsonProperty("rules") int rules,
            @JsonProperty("total_records") long totalRecords,
            @JsonProperty("annotated_records") long annotatedRecords,
            @JsonProperty("matched") long matched,
            @JsonProperty("coverage") double coverage,
            @JsonProperty("matched_annotated") long matchedAnnotated,
            @JsonProperty("coverage_annotated") double coverageAnnotated,
            @JsonProperty("correct") long correct,
            @JsonProperty("incorrect") long incorrect,
            @JsonProperty("precision") @JsonInclude(JsonInclude.Include.ALWAYS) Double precision,
            @JsonProperty("overlaps") long overlaps,
            @JsonProperty("conflicts") long conflicts) {
    }
}

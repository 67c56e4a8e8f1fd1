package io.rubrix.query.agreement;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How much a team agrees on the records a view selects, and how far each person got (ADR 0012). Alphas and kappas are
 * null where they are undefined (fewer than two answers to compare, or no variation at all).
 */
@JsonPropertyOrder({"records", "alpha", "kappa", "annotators"})
@RegisterForReflection
public record Agreement(
        @JsonProperty("records") Records records,
        @JsonProperty("alpha") Alpha alpha,
        @JsonProperty("kappa") List<Kappa> kappa,
        @JsonProperty("annotators") List<Annotator> annotators) {

    /**
     * @param total     records the view selects
     * @param answered  with at least one answer (submitted or discarded)
     * @param pairable  with at least two submitted responses: the records agreement is measured on
     */
    @JsonPropertyOrder({"total", "answered", "complete", "pairable", "needs_review", "reviewed"})
    @RegisterForReflection
    public record Records(
            @JsonProperty("total") long total,
            @JsonProperty("answered") long answered,
            @JsonProperty("complete") long complete,
            @JsonProperty("pairable") long pairable,
            @JsonProperty("needs_review") long needsReview,
            @JsonProperty("reviewed") long reviewed) {
    }

    /** Krippendorff's alpha (nominal) over every label, and per label. */
    @JsonPropertyOrder({"overall", "labels"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @RegisterForReflection
    public record Alpha(
            @JsonProperty("overall") @JsonInclude(JsonInclude.Include.ALWAYS) Double overall,
            @JsonProperty("labels") @JsonInclude(value = JsonInclude.Include.ALWAYS,
                    content = JsonInclude.Include.ALWAYS) Map<String, Double> labels) {
    }

    /** Cohen's kappa of two people over the units both answered ({@code units}: records, or tokens for spans). */
    @JsonPropertyOrder({"first", "second", "kappa", "units", "agreeing"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @RegisterForReflection
    public record Kappa(
            @JsonProperty("first") String first,
            @JsonProperty("second") String second,
            @JsonProperty("kappa") @JsonInclude(JsonInclude.Include.ALWAYS) Double kappa,
            @JsonProperty("units") long units,
            @JsonProperty("agreeing") long agreeing) {
    }

    /** One person's answers in the view, and how many records they answered (submitted or discarded) in the last hour. */
    @JsonPropertyOrder({"user", "submitted", "discarded", "drafts", "last_hour"})
    @RegisterForReflection
    public record Annotator(
            @JsonProperty("user") String user,
            @JsonProperty("submitted") long submitted,
            @JsonProperty("discarded") long discarded,
            @JsonProperty("drafts") long drafts,
            @JsonProperty("last_hour") long lastHour) {
    }
}

package io.rubrix.query.summary;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The annotation sidebar: how many records, in which status, labelled how, and how good the model is where
 * people labelled what it predicted.
 */
@JsonPropertyOrder({"total", "status", "annotated_as", "quality"})
@RegisterForReflection
public record DatasetSummary(
        @JsonProperty("total") long total,
        @JsonProperty("status") Map<String, Long> status,
        @JsonProperty("annotated_as") Map<String, Long> annotatedAs,
        @JsonProperty("quality") ModelQuality quality) {

    /**
     * Over the records that have both a prediction and an annotation: {@code ok}/{@code ko} records and, per
     * label, precision (correct / predicted), recall (correct / annotated, the support) and F1. A label never
     * predicted has precision 0, one never annotated has recall 0.
     */
    @JsonPropertyOrder({"ok", "ko", "macro_f1", "labels"})
    @RegisterForReflection
    public record ModelQuality(
            @JsonProperty("ok") long ok,
            @JsonProperty("ko") long ko,
            @JsonProperty("macro_f1") double macroF1,
            @JsonProperty("labels") Map<String, LabelQuality> labels) {
    }

    @JsonPropertyOrder({"precision", "recall", "f1", "correct", "predicted", "support"})
    @RegisterForReflection
    public record LabelQuality(
            @JsonProperty("precision") double precision,
            @JsonProperty("recall") double recall,
            @JsonProperty("f1") double f1,
            @JsonProperty("correct") long correct,
            @JsonProperty("predicted") long predicted,
            @JsonProperty("support") long support) {

        static LabelQuality of(long correct, long predicted, long support) {
            double precision = predicted == 0 ? 0 : (double) correct / predicted;
            double recall = support == 0 ? 0 : (double) correct / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new LabelQuality(round(precision), round(recall), round(f1), correct, predicted, support);
        }
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

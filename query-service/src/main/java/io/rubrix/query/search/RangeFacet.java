package io.rubrix.query.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a range slider of a numeric metadata field needs: the lowest and highest value and how many records have
 * one (of the records the facet counts; {@code min} and {@code max} are null when none has), and a histogram over
 * the dataset's own range of the field ({@link HistogramEdges}; empty when no record of the dataset has a value).
 * Whole numbers for an integral field.
 */
@RegisterForReflection
@JsonPropertyOrder({"min", "max", "count", "histogram"})
public record RangeFacet(
        @JsonProperty("min") Number min,
        @JsonProperty("max") Number max,
        @JsonProperty("count") long count,
        @JsonProperty("histogram") List<Bucket> histogram) {

    /** Records with {@code from <= value < to}; the last bucket also counts its {@code to}. */
    @RegisterForReflection
    @JsonPropertyOrder({"from", "to", "count"})
    public record Bucket(@JsonProperty("from") Number from, @JsonProperty("to") Number to, @JsonProperty("count") long count) {
    }
}

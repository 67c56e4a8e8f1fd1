package io.rubrix.model.monitor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one window holds for one measure: its records ({@code count}; the annotated ones for accuracy and F1), their
 * histogram in the bins both windows share, and for accuracy and F1 the window's figure.
 */
@JsonPropertyOrder({"count", "figure", "bins"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Distribution(
        @JsonProperty("count") long count,
        @JsonProperty("figure") Double figure,
        @JsonProperty("bins") List<Bin> bins) {

    public Distribution {
        bins = bins == null ? List.of() : List.copyOf(bins);
    }

    /** The bins' counts, in order. */
    public long[] counts() {
        return bins.stream().mapToLong(Bin::count).toArray();
    }
}

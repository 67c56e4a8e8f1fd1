package io.rubrix.model.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One bar of a window's histogram: a category ({@code key}) or a numeric range {@code [from, to)}, its records, and
 * for a range the mean of their values.
 */
@JsonPropertyOrder({"key", "from", "to", "count", "mean"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bin(
        @JsonProperty("key") String key,
        @JsonProperty("from") Double from,
        @JsonProperty("to") Double to,
        @JsonProperty("count") long count,
        @JsonProperty("mean") Double mean) {

    public static Bin category(String key, long count) {
        return new Bin(key, null, null, count, null);
    }

    public static Bin range(Double from, Double to, long count, Double mean) {
        return new Bin(null, from, to, count, mean);
    }
}

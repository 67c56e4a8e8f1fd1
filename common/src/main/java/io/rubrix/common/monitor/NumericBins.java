package io.rubrix.common.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.monitor.Bin;

/**
 * The bins a numeric measure counts both windows in: {@code [-inf, e1), [e1, e2), ..., [ek, +inf)}, with edges at the
 * 5th, 10th, ... 95th percentiles of both windows pooled (quantile bins, as PSI scorecards use: pooled, so that values
 * beyond the reference's range get bins of their own), or fixed ones (confidence). Each bin also holds the mean of its
 * values, where Wasserstein places its records.
 */
record NumericBins(double[] edges) {

    /** Confidence is a share: 20 bins of 0.05, the same for every monitor, so that histograms read alike. */
    static final NumericBins CONFIDENCE = new NumericBins(new double[] {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4,
            0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95});

    static final double[] PERCENTS = {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95};

    /** The bins of a {@code percentiles} answer ({@code values: {"5.0": ..., ...}}): distinct edges, in order. */
    static NumericBins ofPercentiles(JsonNode percentiles) {
        TreeSet<Double> edges = new TreeSet<>();
        percentiles.path("values").forEach(value -> {
            if (value.isNumber()) {
                edges.add(value.asDouble());
            }
        });
        return new NumericBins(edges.stream().mapToDouble(Double::doubleValue).toArray());
    }

    boolean empty() {
        return edges.length == 0;
    }

    /** A {@code range} aggregation over these bins. */
    ObjectNode aggregation(ObjectMapper json, String field) {
        ObjectNode aggregation = json.createObjectNode();
        ObjectNode range = aggregation.putObject("range");
        range.put("field", field);
        ArrayNode ranges = range.putArray("ranges");
        ranges.addObject().put("to", edges[0]);
        for (int i = 1; i < edges.length; i++) {
            ranges.addObject().put("from", edges[i - 1]).put("to", edges[i]);
        }
        ranges.addObject().put("from", edges[edges.length - 1]);
        aggregation.putObject("aggs").putObject("mean").putObject("avg").put("field", field);
        return aggregation;
    }

    /** The histogram a {@code range} answer gives: the outer bins bounded by the values seen ({@code low}, {@code high}). */
    List<Bin> histogram(JsonNode range, double low, double high) {
        List<Bin> bins = new ArrayList<>();
        JsonNode buckets = range.path("buckets");
        for (int i = 0; i < buckets.size(); i++) {
            double from = i == 0 ? Math.min(low, edges[0]) : edges[i - 1];
            double to = i == edges.length ? Math.max(high, edges[edges.length - 1]) : edges[i];
            JsonNode mean = buckets.get(i).path("mean").path("value");
            bins.add(Bin.range(from, to, buckets.get(i).path("doc_count").asLong(),
                    mean.isNumber() ? mean.asDouble() : null));
        }
        return bins;
    }

    /** Where each bin's records are, for Wasserstein: the mean of their values (the bin's middle when empty). */
    static double[] points(List<Bin> bins) {
        return bins.stream().mapToDouble(bin -> bin.mean() != null ? bin.mean() : (bin.from() + bin.to()) / 2)
                .toArray();
    }
}

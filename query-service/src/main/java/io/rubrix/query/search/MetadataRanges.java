package io.rubrix.query.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The range facets of the numeric metadata fields ({@link RangeFacet}), answered as the aggregations'
 * {@code metadata_ranges}: a key of its own, because Rubrix v0.1 clients read {@code metadata} as {value: count} maps
 * (where numeric fields keep their value counts). A histogram needs its bucket width up front, so the dataset's range
 * of each numeric field is read first ({@link #boundsSearch}), in a search Elasticsearch caches until the index changes.
 */
final class MetadataRanges {

    private static final String STATS = "metadata_stats_";
    private static final String HISTOGRAM = "metadata_histogram_";

    private MetadataRanges() {
    }

    /** The search of the dataset's range of each numeric field (every record: no query), or null when none is numeric. */
    static ObjectNode boundsSearch(ObjectMapper json, List<MetadataField> fields) {
        ObjectNode aggs = json.createObjectNode();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).numeric()) {
                aggs.putObject(STATS + i).putObject("stats").put("field", "metadata." + fields.get(i).name());
            }
        }
        if (aggs.isEmpty()) {
            return null;
        }
        ObjectNode search = json.createObjectNode();
        search.put("size", 0).put("track_total_hits", false);
        search.set("aggs", aggs);
        return search;
    }

    /** Each numeric field's histogram edges, by position, from {@link #boundsSearch}'s answer; none when the dataset has no value of it. */
    static Map<Integer, HistogramEdges> edges(JsonNode bounds, List<MetadataField> fields) {
        Map<Integer, HistogramEdges> edges = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode stats = bounds.path("aggregations").path(STATS + i);
            if (fields.get(i).numeric() && stats.path("count").asLong() > 0) {
                MetadataField field = fields.get(i);
                edges.put(i, HistogramEdges.over(stored(field, stats.path("min").asDouble()),
                        stored(field, stats.path("max").asDouble()), field.integral()));
            }
        }
        return edges;
    }

    /** Adds the stats and histogram of each numeric field to {@code aggs}, named by position as the terms facets are. */
    static void request(ObjectNode aggs, List<MetadataField> fields, Map<Integer, HistogramEdges> edges) {
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).numeric()) {
                continue;
            }
            String field = "metadata." + fields.get(i).name();
            aggs.putObject(STATS + i).putObject("stats").put("field", field);
            HistogramEdges edge = edges.get(i);
            if (edge != null && edge.counted()) {
                ObjectNode histogram = aggs.putObject(HISTOGRAM + i).putObject("histogram");
                histogram.put("field", field).put("interval", edge.interval()).put("offset", edge.offset())
                        .put("min_doc_count", 0);
                histogram.putObject("extended_bounds").put("min", edge.start())
                        .put("max", edge.start() + (edge.buckets() - 1) * edge.interval());
                histogram.putObject("hard_bounds").put("min", edge.lowest()).put("max", edge.highest());
            }
        }
    }

    /** The position of the metadata field a range aggregation counts, or -1 for another aggregation. */
    static int positionOf(String aggregation) {
        for (String prefix : List.of(STATS, HISTOGRAM)) {
            if (aggregation.startsWith(prefix)) {
                return Integer.parseInt(aggregation.substring(prefix.length()));
            }
        }
        return -1;
    }

    static Map<String, RangeFacet> answer(JsonNode aggregations, List<MetadataField> fields,
            Map<Integer, HistogramEdges> edges) {
        Map<String, RangeFacet> ranges = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            MetadataField field = fields.get(i);
            if (field.numeric()) {
                JsonNode stats = aggregations.path(STATS + i);
                long count = stats.path("count").asLong();
                ranges.put(field.name(), new RangeFacet(count == 0 ? null : value(field, stats.path("min").asDouble()),
                        count == 0 ? null : value(field, stats.path("max").asDouble()), count,
                        histogram(field, edges.get(i), aggregations.path(HISTOGRAM + i), count)));
            }
        }
        return ranges;
    }

    private static List<RangeFacet.Bucket> histogram(MetadataField field, HistogramEdges edges, JsonNode histogram,
            long count) {
        if (edges == null) {
            return List.of();
        }
        long[] counts = new long[edges.buckets()];
        if (edges.counted()) {
            for (JsonNode bucket : histogram.path("buckets")) {
                counts[edges.bucketOf(bucket.path("key").asDouble())] += bucket.path("doc_count").asLong();
            }
        } else {
            counts[0] = count;
        }
        List<RangeFacet.Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) {
            buckets.add(new RangeFacet.Bucket(value(field, edges.from(b)), value(field, edges.to(b)), counts[b]));
        }
        return buckets;
    }

    private static Number value(MetadataField field, double value) {
        if (field.integral()) { // not a conditional expression: it would make the Long a Double
            return Math.round(value);
        }
        return stored(field, value);
    }

    /** A float field's value as it was written (0.1), not as its float reads in double precision (0.100000001490116). */
    private static double stored(MetadataField field, double value) {
        return field.singlePrecision() ? Double.parseDouble(Float.toString((float) value)) : value;
    }
}

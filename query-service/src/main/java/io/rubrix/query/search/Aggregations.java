package io.rubrix.query.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.query.RecordQuery;

/**
 * The aggregations a search asks Elasticsearch for, and their answer in Rubrix's shape ({value: count}), plus the range
 * facets of numeric metadata fields ({@link MetadataRanges}).
 */
final class Aggregations {

    static final List<String> KEYWORD_FACETS = List.of("predicted_as", "annotated_as", "predicted_by", "annotated_by",
            "status", "predicted");
    static final int FACET_SIZE = 100;
    static final int WORDS_SIZE = 50;
    static final double CONFIDENCE_INTERVAL = 0.05;
    private static final String METADATA = "metadata.";

    private Aggregations() {
    }

    static ObjectNode request(ObjectMapper json, List<MetadataField> metadataFields, Map<Integer, HistogramEdges> edges) {
        ObjectNode aggs = json.createObjectNode();
        KEYWORD_FACETS.forEach(field -> aggs.putObject(field).putObject("terms").put("field", field).put("size", FACET_SIZE));
        ObjectNode histogram = aggs.putObject("confidence").putObject("histogram");
        histogram.put("field", "score").put("interval", CONFIDENCE_INTERVAL).put("min_doc_count", 0);
        histogram.putObject("extended_bounds").put("min", 0.0).put("max", 1.0);
        aggs.putObject("words").putObject("terms").put("field", "words").put("size", WORDS_SIZE);
        for (int i = 0; i < metadataFields.size(); i++) {
            aggs.putObject(metadataName(i)).putObject("terms").put("field", METADATA + metadataFields.get(i).name())
                    .put("size", FACET_SIZE);
        }
        MetadataRanges.request(aggs, metadataFields, edges);
        return aggs;
    }

    /**
     * A metadata facet's aggregation is named by its position, not its key: a key may hold characters an aggregation
     * name cannot ({@code [}, {@code ]}, {@code >}), and one such key made every search of its dataset a 400.
     */
    private static String metadataName(int position) {
        return "metadata_" + position;
    }

    /**
     * The same aggregations, each counted over the records the query's other facet filters select (the search's
     * {@code query} then holds its text and ids only): ticking one value of a facet keeps the others with their counts.
     * Each is a {@code filter} aggregation holding the plain one as {@code values}; {@link #unwrapped} reads them.
     */
    static ObjectNode multiSelect(ObjectMapper json, List<MetadataField> metadataFields, Map<Integer, HistogramEdges> edges,
            RecordQuery query) {
        ObjectNode plain = request(json, metadataFields, edges);
        ObjectNode wrapped = json.createObjectNode();
        plain.fields().forEachRemaining(aggregation -> {
            String facet = facetOf(aggregation.getKey(), metadataFields);
            ObjectNode filtered = wrapped.putObject(aggregation.getKey());
            filtered.putObject("filter").putObject("bool").set("filter", query.facetFiltersExcept(facet, json));
            filtered.putObject("aggs").set("values", aggregation.getValue());
        });
        return wrapped;
    }

    /** Multi-select aggregations as the plain ones read them. */
    static JsonNode unwrapped(ObjectMapper json, JsonNode aggregations) {
        ObjectNode plain = json.createObjectNode();
        aggregations.fields().forEachRemaining(aggregation -> plain.set(aggregation.getKey(), aggregation.getValue().path("values")));
        return plain;
    }

    /** The query facet an aggregation counts ({@code words} counts none: it follows every filter). */
    private static String facetOf(String aggregation, List<MetadataField> metadataFields) {
        int range = MetadataRanges.positionOf(aggregation);
        if (range >= 0) {
            return METADATA + metadataFields.get(range).name();
        }
        if (aggregation.startsWith("metadata_")) {
            return METADATA + metadataFields.get(Integer.parseInt(aggregation.substring("metadata_".length()))).name();
        }
        return "words".equals(aggregation) ? "" : aggregation;
    }

    static Map<String, Object> answer(JsonNode aggregations, List<MetadataField> metadataFields,
            Map<Integer, HistogramEdges> edges) {
        Map<String, Object> answer = new LinkedHashMap<>();
        KEYWORD_FACETS.forEach(field -> answer.put(field, TermsCounts.of(aggregations.path(field))));
        answer.put("confidence", confidence(aggregations.path("confidence").path("buckets")));
        answer.put("words", TermsCounts.of(aggregations.path("words")));
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < metadataFields.size(); i++) {
            metadata.put(metadataFields.get(i).name(), TermsCounts.of(aggregations.path(metadataName(i))));
        }
        answer.put("metadata", metadata);
        answer.put("metadata_ranges", MetadataRanges.answer(aggregations, metadataFields, edges));
        return answer;
    }

    /**
     * The confidence histogram, {bucket start: count}: the bucket Elasticsearch opens at 1.0 (confidence 1.0
     * exactly) is counted in the last one, [0.95, 1.0], as a confidence filter's upper bound is inclusive.
     */
    private static Map<String, Long> confidence(JsonNode buckets) {
        Map<String, Long> confidence = new LinkedHashMap<>();
        String last = null;
        for (JsonNode bucket : buckets) {
            double from = Math.round(bucket.path("key").asDouble() * 100) / 100.0;
            long count = bucket.path("doc_count").asLong();
            if (from >= 1.0 && last != null) {
                confidence.merge(last, count, Long::sum);
            } else {
                last = Double.toString(from);
                confidence.put(last, count);
            }
        }
        return confidence;
    }
}

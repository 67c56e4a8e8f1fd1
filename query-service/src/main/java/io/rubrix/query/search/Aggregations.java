package io.rubrix.query.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The aggregations a search asks Elasticsearch for, and their answer in Rubrix's shape ({value: count}). */
final class Aggregations {

    static final List<String> KEYWORD_FACETS = List.of("predicted_as", "annotated_as", "predicted_by", "annotated_by",
            "status", "predicted");
    static final int FACET_SIZE = 100;
    static final int WORDS_SIZE = 50;
    static final double CONFIDENCE_INTERVAL = 0.05;
    private static final String METADATA = "metadata.";

    private Aggregations() {
    }

    static ObjectNode request(ObjectMapper json, List<String> metadataFields) {
        ObjectNode aggs = json.createObjectNode();
        KEYWORD_FACETS.forEach(field -> aggs.putObject(field).putObject("terms").put("field", field).put("size", FACET_SIZE));
        ObjectNode histogram = aggs.putObject("confidence").putObject("histogram");
        histogram.put("field", "score").put("interval", CONFIDENCE_INTERVAL).put("min_doc_count", 0);
        histogram.putObject("extended_bounds").put("min", 0.0).put("max", 1.0);
        aggs.putObject("words").putObject("terms").put("field", "words").put("size", WORDS_SIZE);
        for (int i = 0; i < metadataFields.size(); i++) {
            aggs.putObject(metadataName(i)).putObject("terms").put("field", METADATA + metadataFields.get(i))
                    .put("size", FACET_SIZE);
        }
        return aggs;
    }

    /**
     * A metadata facet's aggregation is named by its position, not its key: a key may hold characters an aggregation
     * name cannot ({@code [}, {@code ]}, {@code >}), and one such key made every search of its dataset a 400.
     */
    private static String metadataName(int position) {
        return "metadata_" + position;
    }

    static Map<String, Object> answer(JsonNode aggregations, List<String> metadataFields) {
        Map<String, Object> answer = new LinkedHashMap<>();
        KEYWORD_FACETS.forEach(field -> answer.put(field, TermsCounts.of(aggregations.path(field))));
        answer.put("confidence", confidence(aggregations.path("confidence").path("buckets")));
        answer.put("words", TermsCounts.of(aggregations.path("words")));
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < metadataFields.size(); i++) {
            metadata.put(metadataFields.get(i), TermsCounts.of(aggregations.path(metadataName(i))));
        }
        answer.put("metadata", metadata);
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

package io.rubrix.query.search;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A terms aggregation's answer as Rubrix shows it: {value: count}, most frequent first. */
public final class TermsCounts {

    private TermsCounts() {
    }

    public static Map<String, Long> of(JsonNode terms) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode bucket : terms.path("buckets")) {
            JsonNode key = bucket.has("key_as_string") ? bucket.get("key_as_string") : bucket.get("key");
            counts.put(key.asText(), bucket.path("doc_count").asLong());
        }
        return counts;
    }
}

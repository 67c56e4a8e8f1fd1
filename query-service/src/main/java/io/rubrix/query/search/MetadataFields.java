package io.rubrix.query.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.smallrye.mutiny.Uni;

/**
 * The aggregatable metadata fields of a records index (dotted names), read from its mapping and kept a few
 * seconds: every search needs them, and a mapping read per search would double its round trips.
 */
@ApplicationScoped
public class MetadataFields {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private record Known(List<String> fields, long readAtNanos) {
    }

    private final Elasticsearch elasticsearch;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public MetadataFields(Elasticsearch elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    public Uni<List<String>> of(String index) {
        return including(index, List.of());
    }

    /** The fields, read again when the kept ones lack one of {@code required} (it may have just appeared). */
    public Uni<List<String>> including(String index, List<String> required) {
        Known cached = known.get(index);
        if (cached != null && System.nanoTime() - cached.readAtNanos() < FRESHNESS.toNanos()
                && cached.fields().containsAll(required)) {
            return Uni.createFrom().item(cached.fields());
        }
        return read(index);
    }

    private Uni<List<String>> read(String index) {
        return elasticsearch.get("/" + index + "/_mapping").map(mapping -> {
            List<String> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> indices = mapping.fields();
            if (indices.hasNext()) {
                collect(indices.next().getValue().path("mappings").path("properties").path("metadata").path("properties"),
                        "", fields);
            }
            List<String> read = List.copyOf(fields);
            known.put(index, new Known(read, System.nanoTime()));
            return read;
        });
    }

    private static void collect(JsonNode properties, String prefix, List<String> fields) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode field = entry.getValue();
            String type = field.path("type").asText("");
            if (field.has("properties")) {
                collect(field.get("properties"), prefix + entry.getKey() + ".", fields);
            } else if (!type.equals("text") && !type.isEmpty()) {
                fields.add(prefix + entry.getKey());
            }
        });
    }
}

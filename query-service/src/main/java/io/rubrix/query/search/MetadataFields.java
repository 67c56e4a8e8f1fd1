package io.rubrix.query.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.rubrix.common.store.RecordsIndex;
import io.smallrye.mutiny.Uni;

/**
 * The aggregatable metadata fields of a records index (dotted names, with their types), read from its mapping and
 * kept a few seconds: every search needs them, and a mapping read per search would double its round trips.
 */
@ApplicationScoped
public class MetadataFields {

    static final Duration FRESHNESS = Duration.ofSeconds(5);
    /** Datasets whose fields are kept at once: a bound, since datasets come and go while the service runs. */
    static final int KEPT_INDICES = 10_000;

    private final RecordsIndex records;
    private final Cache<String, List<MetadataField>> known = Caffeine.newBuilder()
            .maximumSize(KEPT_INDICES).expireAfterWrite(FRESHNESS).build();

    public MetadataFields(RecordsIndex records) {
        this.records = records;
    }

    public Uni<List<MetadataField>> of(String index) {
        return including(index, List.of());
    }

    /** The fields, read again when the kept ones lack one of {@code required} (it may have just appeared). */
    public Uni<List<MetadataField>> including(String index, List<String> required) {
        List<MetadataField> cached = known.getIfPresent(index);
        if (cached != null && cached.stream().map(MetadataField::name).toList().containsAll(required)) {
            return Uni.createFrom().item(cached);
        }
        return read(index);
    }

    private Uni<List<MetadataField>> read(String index) {
        return records.mapping(index).map(mapping -> {
            List<MetadataField> read = leaves(properties(mapping).path("metadata").path("properties")).stream()
                    .filter(field -> !field.type().equals("text")).toList();
            known.put(index, read);
            return read;
        });
    }

    /** The root properties of a records index, from {@code GET /<index>/_mapping}; missing when it has none. */
    public static JsonNode properties(JsonNode mapping) {
        Iterator<JsonNode> indices = mapping == null ? List.<JsonNode>of().iterator() : mapping.elements();
        return indices.hasNext() ? indices.next().path("mappings").path("properties") : MissingNode.getInstance();
    }

    /**
     * The typed leaves under an object's mapped {@code properties}, dotted: a key such as {@code source.feed} is mapped
     * as objects within objects.
     */
    public static List<MetadataField> leaves(JsonNode properties) {
        List<MetadataField> fields = new ArrayList<>();
        collect(properties, "", fields);
        return List.copyOf(fields);
    }

    private static void collect(JsonNode properties, String prefix, List<MetadataField> fields) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode field = entry.getValue();
            if (field.has("properties")) {
                collect(field.get("properties"), prefix + entry.getKey() + ".", fields);
            } else if (field.has("type")) {
                fields.add(new MetadataField(prefix + entry.getKey(), field.get("type").asText()));
            }
        });
    }
}

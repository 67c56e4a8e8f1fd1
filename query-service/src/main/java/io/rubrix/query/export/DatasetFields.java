package io.rubrix.query.export;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input fields (text classification) and the metadata fields of a dataset, dotted and in alphabetical order,
 * read from its records index's mapping: Elasticsearch maps every field a record brings, so the CSV header can be
 * written before the first record is read.
 */
record DatasetFields(List<String> inputs, List<String> metadata) {

    static final DatasetFields NONE = new DatasetFields(List.of(), List.of());

    /** From {@code GET /<index>/_mapping}: {@code {"<index>": {"mappings": {"properties": {...}}}}}. */
    static DatasetFields of(JsonNode mapping) {
        if (mapping == null || !mapping.elements().hasNext()) {
            return NONE;
        }
        JsonNode properties = mapping.elements().next().path("mappings").path("properties");
        return new DatasetFields(leaves(properties.path("inputs").path("properties")),
                leaves(properties.path("metadata").path("properties")));
    }

    private static List<String> leaves(JsonNode properties) {
        List<String> fields = new ArrayList<>();
        collect(properties, "", fields);
        fields.sort(null);
        return List.copyOf(fields);
    }

    /** A dotted key ({@code source.feed}) is mapped as objects within objects: its leaf has a type. */
    private static void collect(JsonNode properties, String prefix, List<String> fields) {
        properties.fields().forEachRemaining(entry -> {
            if (entry.getValue().has("properties")) {
                collect(entry.getValue().get("properties"), prefix + entry.getKey() + ".", fields);
            } else if (entry.getValue().has("type")) {
                fields.add(prefix + entry.getKey());
            }
        });
    }
}

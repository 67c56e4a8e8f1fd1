package io.rubrix.query.export;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.query.search.MetadataField;
import io.rubrix.query.search.MetadataFields;

/**
 * The input fields (text classification) and the metadata fields of a dataset, dotted and in alphabetical order,
 * read from its records index's mapping: Elasticsearch maps every field a record brings, so the CSV header can be
 * written before the first record is read.
 */
record DatasetFields(List<String> inputs, List<String> metadata) {

    static final DatasetFields NONE = new DatasetFields(List.of(), List.of());

    /** From {@code GET /<index>/_mapping}: {@code {"<index>": {"mappings": {"properties": {...}}}}}. */
    static DatasetFields of(JsonNode mapping) {
        JsonNode properties = MetadataFields.properties(mapping);
        return properties.isMissingNode() ? NONE
                : new DatasetFields(names(properties.path("inputs").path("properties")),
                        names(properties.path("metadata").path("properties")));
    }

    private static List<String> names(JsonNode properties) {
        return MetadataFields.leaves(properties).stream().map(MetadataField::name).sorted().toList();
    }
}

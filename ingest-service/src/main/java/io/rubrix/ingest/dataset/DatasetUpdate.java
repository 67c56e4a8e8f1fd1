package io.rubrix.ingest.dataset;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PATCH /api/datasets/{name}}: tags and metadata to merge into the dataset's. */
public record DatasetUpdate(
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("metadata") Map<String, Object> metadata) {
}

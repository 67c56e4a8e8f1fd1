package io.rubrix.ingest.dataset;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code PATCH /api/datasets/{name}}: tags and metadata to merge into the dataset's. */
@RegisterForReflection
public record DatasetUpdate(
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("metadata") Map<String, Object> metadata) {
}

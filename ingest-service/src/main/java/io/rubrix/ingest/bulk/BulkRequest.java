package io.rubrix.ingest.bulk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /api/datasets/{name}/{task}:bulk}: the dataset's tags and metadata, and the records. The shape
 * published in the OpenAPI document; the body itself is read in one pass by {@link BulkBody}.
 */
@RegisterForReflection
public record BulkRequest(
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("records") JsonNode records) {
}

package io.rubrix.ingest.bulk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /api/datasets/{name}/{task}:bulk}: the dataset's tags and metadata, and the records, kept as
 * JSON so that each is read and validated on its own.
 */
@RegisterForReflection
public record BulkRequest(
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("records") JsonNode records) {
}

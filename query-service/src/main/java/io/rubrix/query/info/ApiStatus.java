package io.rubrix.query.info;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/_status}: version, the Elasticsearch cluster's health and this process's memory. */
@RegisterForReflection
public record ApiStatus(
        @JsonProperty("rubrix_version") String rubrixVersion,
        @JsonProperty("elasticsearch") JsonNode elasticsearch,
        @JsonProperty("mem_info") Map<String, Long> memInfo) {
}

package io.rubrix.query.info;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/_status}: version, the Elasticsearch cluster's health and this process's memory. */
public record ApiStatus(
        @JsonProperty("rubrix_version") String rubrixVersion,
        @JsonProperty("elasticsearch") JsonNode elasticsearch,
        @JsonProperty("mem_info") Map<String, Long> memInfo) {
}

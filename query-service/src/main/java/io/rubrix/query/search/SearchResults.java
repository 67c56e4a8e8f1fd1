package io.rubrix.query.search;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.common.json.RawJson;

/**
 * A page of records and the aggregations of every matching record: {@code predicted_as}, {@code annotated_as},
 * {@code predicted_by}, {@code annotated_by}, {@code status}, {@code predicted}, {@code confidence} (a histogram
 * of 0.05 buckets), {@code words} (without stop words) and {@code metadata} (one facet per field). A full page
 * carries {@code next_cursor}: sent back as {@code cursor}, it answers the next page, without a 10,000 limit.
 * {@code aggregations} is null past the first page unless asked for ({@code ?aggregations=true}), as in Rubrix v0.1.
 * {@code records} holds the records' JSON array as written ({@link RecordsPage}), its bytes, not a list of trees.
 */
@JsonPropertyOrder({"total", "records", "aggregations", "next_cursor"})
@RegisterForReflection
public record SearchResults(
        @JsonProperty("total") long total,
        @JsonProperty("records") @Schema(type = SchemaType.ARRAY, implementation = JsonNode.class)
        RawJson records,
        @JsonProperty("aggregations") Map<String, Object> aggregations,
        @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}

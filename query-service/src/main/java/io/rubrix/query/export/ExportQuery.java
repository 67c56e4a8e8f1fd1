package io.rubrix.query.export;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.JsonPaths;
import io.rubrix.model.query.RecordQuery;

/**
 * The query of {@code POST .../data}, in both shapes it arrives in: Rubrix v0.1's client ({@code rb.load(name,
 * ids=[1, 2], query=...)}) posts the query itself ({@code {"ids": [1, 2], "query_text": "..."}}, v0.1's
 * {@code TextClassificationQuery}); this API's own clients may wrap it as {@code :search} does
 * ({@code {"query": {...}}}). A body with any field of the query at its top is read as v0.1's.
 */
final class ExportQuery {

    private static final Set<String> QUERY_FIELDS = Set.of("ids", "query_text", "query_inputs", "metadata",
            "predicted_as", "annotated_as", "predicted_by", "annotated_by", "status", "predicted", "confidence", "score");

    private ExportQuery() {
    }

    /**
     * The query of the download ({@code GET .../data?query=}): the query object as {@code :search} takes it in its
     * {@code query} field, as JSON (URL-encoded); absent, every record. Its errors name {@code query}.
     */
    static RecordQuery ofParameter(String parameter, ObjectMapper json) {
        if (parameter == null || parameter.isBlank()) {
            return RecordQuery.all();
        }
        JsonNode query;
        try {
            query = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parameter);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("query", "is not JSON: " + JsonPaths.parseReason(e.getOriginalMessage()));
        }
        ObjectNode wrapped = json.createObjectNode();
        wrapped.set("query", query);
        return of(wrapped, json);
    }

    static RecordQuery of(JsonNode body, ObjectMapper json) {
        if (body == null || body.isMissingNode()) {
            return RecordQuery.all(); // no body at all
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("body", "must be a JSON object: the query ({\"ids\": [...], \"query_text\": ...})");
        }
        boolean v01 = false;
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext() && !v01; ) {
            v01 = QUERY_FIELDS.contains(fields.next());
        }
        JsonNode query = v01 ? body : body.path("query");
        if (query.isMissingNode() || query.isNull()) {
            return RecordQuery.all();
        }
        String prefix = v01 ? "" : "query.";
        if (!query.isObject()) {
            throw ApiException.badRequest(prefix.isEmpty() ? "body" : "query", "must be a JSON object");
        }
        try {
            return json.treeToValue(query, RecordQuery.class);
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(prefix + JsonPaths.of(e), JsonPaths.reason(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(prefix.isEmpty() ? "body" : "query", e.getOriginalMessage());
        }
    }
}

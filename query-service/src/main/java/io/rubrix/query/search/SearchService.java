package io.rubrix.query.search;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.error.FieldError;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.query.RecordQuery;
import io.rubrix.common.record.Task;
import io.smallrye.mutiny.Uni;

/** Rubrix's search: a page of matching records with the aggregations of all of them. */
@ApplicationScoped
public class SearchService {

    public static final int MAX_LIMIT = 1000;
    /** Elasticsearch's {@code max_result_window}: pages beyond it need a cursor. */
    public static final int MAX_WINDOW = 10_000;
    /** Derived fields that serve search and aggregations but are not part of a record on the wire. */
    public static final Set<String> INTERNAL_FIELDS = Set.of("words", "score", "predicted_as", "annotated_as",
            "predicted_by", "annotated_by");

    private final DatasetStore datasets;
    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public SearchService(DatasetStore datasets, Elasticsearch elasticsearch, IndexLayout layout, ObjectMapper json) {
        this.datasets = datasets;
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.json = json;
    }

    public Uni<SearchResults> search(String workspace, String name, Task task, SearchRequest request, int from, int limit) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw ApiException.unprocessable("limit: " + limit + " is outside [0, " + MAX_LIMIT + "]",
                    List.of(FieldError.of("limit", "must be within [0, " + MAX_LIMIT + "]")));
        }
        if (from < 0 || from + limit > MAX_WINDOW) {
            throw ApiException.badRequest("from", "from + limit must be within [0, " + MAX_WINDOW + "]");
        }
        RecordQuery query = (request == null ? new SearchRequest(null) : request).queryOrAll().requireValid();
        String index = layout.recordsIndex(workspace, name);
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .chain(() -> metadataFields(index))
                .chain(fields -> {
                    ObjectNode search = json.createObjectNode();
                    search.put("from", from).put("size", limit).put("track_total_hits", true);
                    search.set("query", query.toElasticsearch(task, json));
                    search.set("aggs", Aggregations.request(json, fields));
                    return elasticsearch.send("POST", "/" + index + "/_search", search)
                            .map(answer -> results(answer, fields));
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(
                        () -> new SearchResults(0, List.of(), Aggregations.answer(json.createObjectNode(), List.of())));
    }

    private SearchResults results(JsonNode answer, List<String> metadataFields) {
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            ObjectNode record = (ObjectNode) hit.get("_source");
            record.remove(INTERNAL_FIELDS);
            records.add(record);
        }
        return new SearchResults(answer.path("hits").path("total").path("value").asLong(), records,
                Aggregations.answer(answer.path("aggregations"), metadataFields));
    }

    /** The aggregatable metadata fields of the index (dotted names), from its mapping. */
    private Uni<List<String>> metadataFields(String index) {
        return elasticsearch.get("/" + index + "/_mapping").map(mapping -> {
            List<String> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> indices = mapping.fields();
            if (indices.hasNext()) {
                collect(indices.next().getValue().path("mappings").path("properties").path("metadata").path("properties"),
                        "", fields);
            }
            return fields;
        });
    }

    private static void collect(JsonNode properties, String prefix, List<String> fields) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode field = entry.getValue();
            String type = field.path("type").asText("");
            if (field.has("properties")) {
                collect(field.get("properties"), prefix + entry.getKey() + ".", fields);
            } else if (!type.equals("text") && !type.isEmpty()) {
                fields.add(prefix + entry.getKey());
            }
        });
    }
}

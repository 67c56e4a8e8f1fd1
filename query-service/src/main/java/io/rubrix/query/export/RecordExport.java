package io.rubrix.query.export;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.error.FieldError;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.query.RecordQuery;
import io.rubrix.common.record.Task;
import io.rubrix.common.validation.Violation;
import io.rubrix.query.search.SearchRequest;
import io.rubrix.query.search.SearchService;
import io.smallrye.mutiny.Multi;

/** The records of a dataset matching a query, in the wire format, as a stream. */
@ApplicationScoped
public class RecordExport {

    private final DatasetStore datasets;
    private final RecordScan scan;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public RecordExport(DatasetStore datasets, RecordScan scan, IndexLayout layout, ObjectMapper json) {
        this.datasets = datasets;
        this.scan = scan;
        this.layout = layout;
        this.json = json;
    }

    public Multi<JsonNode> records(String workspace, String name, Task task, SearchRequest request, Integer limit) {
        if (limit != null && limit < 0) {
            throw ApiException.badRequest("limit", "must be at least 0");
        }
        RecordQuery query = (request == null ? new SearchRequest(null) : request).queryOrAll();
        List<Violation> violations = query.violations();
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("query." + violations.get(0),
                    violations.stream().map(v -> FieldError.of("query." + v.field(), v.reason())).toList());
        }
        return datasets.require(workspace, name)
                .invoke(dataset -> {
                    if (dataset.task() != task) {
                        throw ApiException.badRequest("task",
                                "dataset '" + name + "' is a " + dataset.task() + " dataset, not " + task);
                    }
                })
                .onItem().transformToMulti(dataset -> {
                    Multi<JsonNode> records = scan.sources(layout.recordsIndex(workspace, name),
                            query.toElasticsearch(task, json)).map(RecordExport::wireRecord);
                    return limit == null ? records : records.select().first(limit);
                });
    }

    private static JsonNode wireRecord(JsonNode source) {
        ((ObjectNode) source).remove(SearchService.INTERNAL_FIELDS);
        return source;
    }
}

package io.rubrix.query.export;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.query.RecordQuery;
import io.rubrix.common.record.Task;
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
        RecordQuery query = (request == null ? RecordQuery.all() : request.queryOrAll()).requireValid();
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .onItem().transformToMulti(dataset -> {
                    Multi<JsonNode> records = scan.sources(layout.recordsIndex(workspace, name),
                            query.toElasticsearch(task, json), SearchService.INTERNAL_FIELDS);
                    return limit == null ? records : records.select().first(limit);
                });
    }
}

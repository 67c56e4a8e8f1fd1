package io.rubrix.query.export;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.PointInTimeScan;
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
    private final PointInTimeScan scan;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public RecordExport(DatasetStore datasets, PointInTimeScan scan, IndexLayout layout, ObjectMapper json) {
        this.datasets = datasets;
        this.scan = scan;
        this.layout = layout;
        this.json = json;
    }

    /**
     * Every matching record (at most {@code limit}) as NDJSON, one chunk per page of records. Writing a page at a time, not a record at a time,
     * is what lets the export keep up with Elasticsearch.
     */
    public Multi<String> ndjson(String workspace, String name, Task task, SearchRequest request, Integer limit) {
        if (limit != null && limit < 0) {
            throw ApiException.badRequest("limit", "must be at least 0");
        }
        RecordQuery query = (request == null ? RecordQuery.all() : request.queryOrAll()).requireValid();
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .onItem().transformToMulti(dataset -> {
                    if (limit != null && limit == 0) {
                        return Multi.createFrom().<String>empty();
                    }
                    Multi<List<JsonNode>> pages = scan.pages(layout.recordsIndex(workspace, name),
                            query.toElasticsearch(task, json), "_shard_doc", SearchService.INTERNAL_FIELDS);
                    if (limit != null) {
                        AtomicLong left = new AtomicLong(limit);
                        pages = pages.select().first((limit + PointInTimeScan.PAGE - 1) / PointInTimeScan.PAGE)
                                .map(page -> {
                                    long take = Math.min(page.size(), left.get());
                                    left.addAndGet(-take);
                                    return page.subList(0, (int) take);
                                })
                                .select().where(page -> !page.isEmpty());
                    }
                    return pages.map(page -> NdjsonChunks.lines(json, page));
                });
    }
}

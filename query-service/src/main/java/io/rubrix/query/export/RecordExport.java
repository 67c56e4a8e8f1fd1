package io.rubrix.query.export;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.elasticsearch.SourceLines;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.query.search.SearchService;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/** The records of a dataset matching a query, in the wire format, as a stream. */
@ApplicationScoped
public class RecordExport {

    /** Left out of each line but the team's responses and review (reviewers and admins, ADR 0012). */
    private static final Set<String> WITH_RESPONSES = withResponses();

    private final DatasetStore datasets;
    private final PointInTimeScan scan;
    private final RecordsIndex records;
    private final ObjectMapper json;
    /** Parts of the point in time scanned side by side (Elasticsearch fetches one search on one core). */
    private final int slices;

    public RecordExport(DatasetStore datasets, PointInTimeScan scan, RecordsIndex records, ObjectMapper json,
            @ConfigProperty(name = "rubrix.export.slices", defaultValue = "3") int slices) {
        this.datasets = datasets;
        this.scan = scan;
        this.records = records;
        this.json = json;
        this.slices = slices;
    }

    /**
     * Every matching record (at most {@code limit}) as NDJSON, one chunk per page of records. Writing a page at a time, not a record at a time,
     * is what lets the export keep up with Elasticsearch.
     */
    public Multi<Buffer> ndjson(String workspace, String name, Task task, RecordQuery request, Integer limit) {
        // the records' sources are the wire format: their bytes go out as Elasticsearch sent them
        return pages(workspace, name, task, request, limit).map(SourceLines::buffer);
    }

    /**
     * As {@link #ndjson}, each record with its team's work (ADR 0012) as {@code team: {responses: [...], review}}:
     * every person's response with its author, and the reviewer's decision, for reviewers and admins.
     */
    public Multi<Buffer> ndjsonWithResponses(String workspace, String name, Task task, RecordQuery request,
            Integer limit) {
        return pages(workspace, name, task, request, limit, WITH_RESPONSES).map(SourceLines::buffer);
    }

    private static Set<String> withResponses() {
        Set<String> excluded = new HashSet<>(SearchService.INTERNAL_FIELDS);
        excluded.remove(RecordDocument.TEAM);
        for (String derived : List.of("claims", "final_from", "responded_by", "answered_by", "submitted_by",
                "claimed_by", "submitted", "answers", "complete", "agreed", "needs_review", "full_until",
                "coincidences", "pairs")) {
            excluded.add(RecordDocument.TEAM + "." + derived);
        }
        return Set.copyOf(excluded);
    }

    /**
     * Every matching record (at most {@code limit}) as pages of NDJSON lines, in no particular order, after the
     * dataset is found in the workspace with this task.
     */
    Multi<SourceLines> pages(String workspace, String name, Task task, RecordQuery request, Integer limit) {
        return pages(workspace, name, task, request, limit, SearchService.INTERNAL_FIELDS);
    }

    private Multi<SourceLines> pages(String workspace, String name, Task task, RecordQuery request, Integer limit,
            Set<String> excluded) {
        if (limit != null && limit < 0) {
            throw ApiException.badRequest("limit", "must be at least 0");
        }
        RecordQuery query = request.requireValid();
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .onItem().transformToMulti(dataset -> {
                    if (limit != null && limit == 0) {
                        return Multi.createFrom().<SourceLines>empty();
                    }
                    Multi<SourceLines> pages = scan.sourceLines(records.name(workspace, name),
                            query.toElasticsearch(task, json), excluded, slices);
                    if (limit != null) {
                        AtomicLong left = new AtomicLong(limit);
                        // slices end with short pages in any order: count records, and stop at the first page
                        // with none left to take (cancelling the scan closes the point in time)
                        pages = pages.map(page -> {
                                    SourceLines taken = page.first(left.get());
                                    left.addAndGet(-taken.count());
                                    return taken;
                                })
                                .select().first(page -> page.count() > 0);
                    }
                    return pages;
                });
    }
}

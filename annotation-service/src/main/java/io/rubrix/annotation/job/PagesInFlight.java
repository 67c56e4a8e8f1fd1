package io.rubrix.annotation.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.record.RecordVersion;
import io.smallrye.mutiny.Uni;

/**
 * The pages a job selected by a query is writing, kept before their records are (write-ahead): each page's writes with
 * their label events prepared, in a document of the jobs index ({@code page_of}: the job), dropped once the job's
 * saved cursor covers the page. A replica that takes the job over ({@link BulkJobs#resume}) settles what it finds:
 * a record the write reached gets its event appended (unless the dead replica appended it already) and is counted
 * done; a record it did not reach is written again by the rest of the run. Without this, the events of the pages in
 * flight when a replica died were lost: their records were changed, and the replica taking over could not know from
 * what (docs/adr/0016-fleet-and-traces.md).
 */
@ApplicationScoped
public class PagesInFlight {

    private static final String PAGE_OF = "page_of";

    /** One record's write in a page: its prepared event, and the version it is written at. */
    public record Write(AnnotationEvent event, RecordVersion at) {
    }

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final RecordStore records;
    private final HistoryEvents events;
    private final HistoryStore history;
    private final ObjectMapper json;

    public PagesInFlight(Elasticsearch elasticsearch, IndexLayout layout, RecordStore records, HistoryEvents events,
            HistoryStore history, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.records = records;
        this.events = events;
        this.history = history;
        this.json = json;
    }

    /** Keeps a page of {@code jobId} about to be written, {@code lastId} its last record id; answers the page's key. */
    Uni<String> keep(String jobId, String lastId, List<Write> writes) {
        String key = jobId + ".page." + UUID.randomUUID();
        ObjectNode page = json.createObjectNode().put(PAGE_OF, jobId).put("last_id", lastId);
        ArrayNode kept = page.putArray("writes");
        for (Write write : writes) {
            kept.addObject().put("at", write.at().toString()).set("event", json.valueToTree(write.event()));
        }
        return elasticsearch.send("PUT", "/" + layout.jobsIndex() + "/_doc/" + PathSegment.encode(key), page)
                .replaceWith(key);
    }

    /** Drops pages the job's saved cursor covers (or that ended with the job); a page left behind costs nothing. */
    Uni<Void> drop(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NdjsonBody body = new NdjsonBody();
        keys.forEach(key -> body.action(json, "delete", layout.jobsIndex(), key));
        return elasticsearch.bulk(body, Map.of())
                .onFailure().invoke(e -> Log.debugf("Dropping pages in flight failed (harmless): %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Settles the pages of {@code job} that the replica running it left in flight: the ids of the records whose write
     * was done, their events appended (those the replica appended itself stay as they are) and counted in
     * {@code progress}; pages covered by {@code cursor} (the saved progress counts them) are only dropped.
     */
    Uni<Set<String>> settle(Job job, String index, String cursor, JobProgress progress) {
        return pagesOf(job.id()).chain(pages -> {
            List<String> keys = pages.stream().map(Page::key).toList();
            List<Write> writes = pages.stream().filter(page -> !covered(page.lastId(), cursor))
                    .flatMap(page -> page.writes().stream()).toList();
            if (writes.isEmpty()) {
                Log.infof("Job %s: %d pages left in flight by the replica that ran it, all saved", job.id(), pages.size());
                return drop(keys).replaceWith(Set.<String>of());
            }
            List<String> ids = writes.stream().map(write -> write.event().recordId()).toList();
            return records.findAll(index, job.task(), ids).chain(found -> {
                List<HistoryEntry> done = writesDone(writes, found);
                Set<String> settled = new HashSet<>();
                done.forEach(entry -> settled.add(entry.event().recordId()));
                progress.done(settled.size());
                Log.infof("Job %s: %d pages left in flight by the replica that ran it: %d records written, %d not",
                        job.id(), pages.size(), settled.size(), writes.size() - settled.size());
                return history.appendMissing(done).chain(() -> drop(keys)).replaceWith(settled);
            });
        });
    }

    private List<HistoryEntry> writesDone(List<Write> writes, Map<String, VersionedRecord> found) {
        List<HistoryEntry> done = new ArrayList<>();
        for (Write write : writes) {
            AnnotationEvent event = write.event();
            VersionedRecord now = found.get(event.recordId());
            if (event.action() == AnnotationEvent.Action.delete && now == null) {
                // the delete's own sequence number is gone with the record; the next one orders its events as well
                done.add(HistoryEvents.written(event, new RecordVersion(write.at().primaryTerm(), write.at().seqNo() + 1)));
            } else if (event.action() != AnnotationEvent.Action.delete && now != null
                    && now.version().seqNo() > write.at().seqNo() && events.isIn(now.record(), event.after())) {
                done.add(HistoryEvents.written(event, now.version()));
            }
        }
        return done;
    }

    /** Whether a page ending with {@code lastId} is at or before {@code cursor}, in the scan's (keyword) order. */
    private static boolean covered(String lastId, String cursor) {
        return cursor != null && Arrays.compareUnsigned(lastId.getBytes(StandardCharsets.UTF_8),
                cursor.getBytes(StandardCharsets.UTF_8)) <= 0;
    }

    private record Page(String key, String lastId, List<Write> writes) {
    }

    private Uni<List<Page>> pagesOf(String jobId) {
        ObjectNode search = json.createObjectNode();
        search.put("size", 1_000);
        search.putObject("query").putObject("term").put(PAGE_OF, jobId);
        String jobsIndex = "/" + layout.jobsIndex();
        return elasticsearch.send("POST", jobsIndex + "/_refresh", null)
                .chain(() -> elasticsearch.send("POST", jobsIndex + "/_search", search))
                .map(answer -> {
                    List<Page> pages = new ArrayList<>();
                    for (JsonNode hit : answer.path("hits").path("hits")) {
                        pages.add(read(hit.path("_id").asText(), hit.path("_source")));
                    }
                    return pages;
                });
    }

    private Page read(String key, JsonNode source) {
        List<Write> writes = new ArrayList<>();
        for (JsonNode write : source.path("writes")) {
            try {
                writes.add(new Write(json.treeToValue(write.get("event"), AnnotationEvent.class),
                        RecordVersion.parse(write.path("at").asText(), "at")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable page in flight " + key, e);
            }
        }
        return new Page(key, source.path("last_id").asText(), writes);
    }
}

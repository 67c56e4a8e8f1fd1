package io.rubrix.annotation.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.store.HistoryIndex;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.mutiny.Uni;

/**
 * The label history: every human action, append-only, one document per event (its id is the event id). It is
 * also the outbox of topic {@code rubrix.annotations} ({@link HistoryIndex}): the relay marks an event published
 * once Kafka has it.
 */
@ApplicationScoped
public class HistoryStore {

    private final AnnotationIndices indices;
    private final HistoryIndex history;
    private final ObjectMapper json;

    public HistoryStore(AnnotationIndices indices, HistoryIndex history, ObjectMapper json) {
        this.indices = indices;
        this.history = history;
        this.json = json;
    }

    /** Appends the events; fails unless Elasticsearch kept every one. */
    public Uni<Void> append(List<HistoryEntry> entries) {
        return indices.ensureReady().chain(() -> history.append(entries));
    }

    /** Appends the events not kept yet (by their ids); those kept already stay as they are, published or not. */
    public Uni<Void> appendMissing(List<HistoryEntry> entries) {
        return indices.ensureReady().chain(() -> history.appendMissing(entries));
    }

    /**
     * Appends the entries of a change already written to its record, in one {@code _bulk} with the writes of concurrent
     * changes ({@link io.rubrix.common.elasticsearch.GroupCommit}), retried a few times; then a 503 saying that
     * {@code saved} (e.g. "The label was saved") but not its history.
     */
    public Uni<Void> appendAfterWrite(List<HistoryEntry> entries, String saved) {
        String current = TraceParents.current(); // the acting request's: the batch is sent from another's context
        return append(entries.stream().map(entry -> entry.tracedBy(current)).toList())
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().transform(e -> StorageUnavailable.partlyWritten(
                        saved + ", but its history entry could not be written", e));
    }

    /**
     * The events of one record, newest first, including those of the last second: the history is refreshed first
     * (events are appended without waiting for a refresh, to keep labelling fast; reading a history is rare).
     * Only events {@code since} the dataset was created: the history of a deleted dataset stays (it is append-only)
     * but is not that of a new dataset logged later under the same name.
     */
    public Uni<List<AnnotationEvent>> ofRecord(String workspace, String dataset, String recordId, Instant since,
            int size) {
        ObjectNode search = json.createObjectNode();
        search.put("size", size);
        ObjectNode filter = search.putObject("query").putObject("bool");
        ArrayNode filters = filter.putArray("filter")
                .add(term("workspace", workspace)).add(term("dataset", dataset)).add(term("record_id", recordId));
        if (since != null) {
            filters.addObject().putObject("range").putObject("at").put("gte", since.toString());
        }
        search.putArray("sort").add(json.createObjectNode().put("at", "desc"))
                .add(json.createObjectNode().put("record_seq_no", "desc"));
        return history.refresh()
                .chain(() -> search(search))
                .map(hits -> hits.stream().map(HistoryEntry::event).toList());
    }

    /**
     * Events not yet on Kafka, oldest first (per record, in the order they happened). Those marked published are
     * never among them: a mark is answered once a refresh made it visible ({@link #markPublished}).
     */
    public Uni<List<HistoryEntry>> unpublished(int size) {
        ObjectNode search = json.createObjectNode();
        search.put("size", size);
        search.putObject("query").putObject("bool").putArray("filter").add(term("published", false));
        search.putArray("sort").add(json.createObjectNode().put("at", "asc"))
                .add(json.createObjectNode().put("record_seq_no", "asc"));
        return search(search);
    }

    /** Marks events as delivered to Kafka; answered once searches see the marks ({@link HistoryIndex#markPublished}). */
    public Uni<Void> markPublished(List<HistoryEntry> entries, Instant at) {
        return history.markPublished(entries, at);
    }

    private Uni<List<HistoryEntry>> search(ObjectNode search) {
        return history.search(search).map(answer -> {
            List<HistoryEntry> entries = new ArrayList<>();
            for (JsonNode hit : answer.path("hits").path("hits")) {
                entries.add(read(hit.get("_source")));
            }
            return entries;
        });
    }

    private HistoryEntry read(JsonNode source) {
        try {
            return new HistoryEntry(json.treeToValue(source, AnnotationEvent.class), source.path("record_seq_no").asLong(),
                    source.path(HistoryIndex.TRACE_PARENT).textValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history event " + source.path("event_id").asText(), e);
        }
    }

    private ObjectNode term(String field, Object value) {
        ObjectNode term = json.createObjectNode();
        term.putObject("term").set(field, json.valueToTree(value));
        return term;
    }
}

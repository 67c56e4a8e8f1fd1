package io.rubrix.common.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.DocumentWrite;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.mutiny.Uni;

/**
 * The label history index: every human action, append-only, one document per event (its id is the event id). It is
 * also the outbox of topic {@code rubrix.annotations}: each event that changes a record is written
 * {@code published: false}, and annotation-service's relay marks it published once Kafka has it; a comment, which is
 * not published (ADR 0004), is written {@code published: true} without {@code published_at}: nothing is owed to
 * Kafka. Both writers of human work append to it: annotation-service for labels and comments, ingest-service for
 * labelled records a person logs; query-service reads it for the monitoring series.
 */
@ApplicationScoped
public class HistoryIndex {

    /** The acting request's W3C traceparent, in the entry's source. */
    public static final String TRACE_PARENT = "trace_parent";
    /**
     * The entries of one labelling request (a response, a label, a review) go with those of other requests in one
     * {@code _bulk} ({@link io.rubrix.common.elasticsearch.GroupCommit}); a job's page of entries is its own.
     */
    private static final int GROUPED_AT_MOST = 10;

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final IndexTemplates templates;
    private final ObjectMapper json;
    private final AtomicBoolean templateInPlace = new AtomicBoolean();

    public HistoryIndex(Elasticsearch elasticsearch, IndexLayout layout, IndexTemplates templates, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.templates = templates;
        this.json = json;
    }

    /**
     * Appends the events; fails unless Elasticsearch kept every one. An entry without a trace is the current
     * request's ({@code trace_parent}, kept for the relay, not indexed).
     */
    public Uni<Void> append(List<HistoryEntry> entries) {
        return write(entries, "index");
    }

    /**
     * Appends the events not there yet: an event already kept (by its id) stays as it is, published or not. For the
     * events a replica that stopped may or may not have appended.
     */
    public Uni<Void> appendMissing(List<HistoryEntry> entries) {
        return write(entries, "create");
    }

    private Uni<Void> write(List<HistoryEntry> entries, String operation) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String current = TraceParents.current();
        if (entries.size() <= GROUPED_AT_MOST) {
            return ensureTemplate().chain(() -> Uni.join().all(entries.stream()
                            .map(entry -> elasticsearch.write(new DocumentWrite(operation, layout.historyIndex(),
                                            entry.event().eventId(), null, document(entry, current)))
                                    .onFailure(e -> "create".equals(operation) && ElasticsearchException.conflict(e))
                                    .recoverWithNull())
                            .toList()).andFailFast())
                    .replaceWithVoid();
        }
        NdjsonBody body = new NdjsonBody();
        for (HistoryEntry entry : entries) {
            body.action(json, operation, layout.historyIndex(), entry.event().eventId());
            body.line(json, document(entry, current));
        }
        return ensureTemplate()
                .chain(() -> elasticsearch.bulk(body, Map.of()))
                .invoke(answer -> {
                    if (answer.errors() && answer.items().stream().anyMatch(item -> refused(item, operation))) {
                        throw new IllegalStateException("the history refused events: " + answer.firstError());
                    }
                })
                .replaceWithVoid();
    }

    private ObjectNode document(HistoryEntry entry, String current) {
        ObjectNode document = json.valueToTree(entry.event());
        document.put("record_seq_no", entry.recordSeqNo());
        document.put("published", !entry.event().action().changesRecord());
        String traceParent = entry.tracedBy(current).traceParent();
        if (traceParent != null) {
            document.put(TRACE_PARENT, traceParent);
        }
        return document;
    }

    /** An item refused, other than an event already there when only missing ones are appended. */
    private static boolean refused(JsonNode item, String operation) {
        return item.has("error") && !("create".equals(operation) && item.path("status").asInt() == 409);
    }

    /**
     * Marks events as delivered to Kafka, answered once the history's next scheduled refresh has made the marks
     * visible to searches ({@code refresh=wait_for}: no refresh of its own), so that the relay's next search for what
     * is unpublished never finds them again (it used to leave the events marked lately out by id: tens of thousands of
     * ids during a bulk job; a refresh forced per round cost more than the labels). Each event is written whole again
     * (it is never changed otherwise), not updated: an update reads the document first, a get per label.
     */
    public Uni<Void> markPublished(List<HistoryEntry> entries, Instant at) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NdjsonBody body = new NdjsonBody();
        for (HistoryEntry entry : entries) {
            body.action(json, "index", layout.historyIndex(), entry.event().eventId());
            body.line(json, document(entry, null).put("published", true).put("published_at", at.toString()));
        }
        return elasticsearch.bulk(body, Map.of("refresh", "wait_for"))
                .invoke(answer -> {
                    if (answer.errors()) {
                        throw new IllegalStateException("marking events published failed: " + answer.firstError());
                    }
                })
                .replaceWithVoid();
    }

    /** A search of the history; the empty answer while no event was ever appended (no index yet). */
    public Uni<JsonNode> search(JsonNode body) {
        return elasticsearch.send("POST", "/" + layout.historyIndex() + "/_search", body)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(() -> json.createObjectNode());
    }

    /** Makes every event appended so far visible to searches. */
    public Uni<Void> refresh() {
        return elasticsearch.send("POST", "/" + layout.historyIndex() + "/_refresh", null).replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    /** The history's template, so that its index gets its mapping whenever Elasticsearch creates it. */
    private Uni<Void> ensureTemplate() {
        if (templateInPlace.get()) {
            return Uni.createFrom().voidItem();
        }
        return elasticsearch.send("PUT", "/_index_template/" + layout.historyTemplateName(), templates.historyTemplate())
                .invoke(() -> templateInPlace.set(true))
                .replaceWithVoid();
    }
}

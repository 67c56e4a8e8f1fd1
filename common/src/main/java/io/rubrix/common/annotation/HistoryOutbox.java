package io.rubrix.common.annotation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.mutiny.Uni;

/**
 * Appends human actions to the label history, which is also the outbox of topic {@code rubrix.annotations}: each
 * event is written {@code published: false}, and annotation-service's relay publishes it. Both writers of human
 * work use it: annotation-service for labels, ingest-service for labelled records a person logs.
 */
@ApplicationScoped
public class HistoryOutbox {

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final IndexTemplates templates;
    private final ObjectMapper json;
    private final AtomicBoolean templateInPlace = new AtomicBoolean();

    public HistoryOutbox(Elasticsearch elasticsearch, IndexLayout layout, IndexTemplates templates, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.templates = templates;
        this.json = json;
    }

    /** Appends the events; fails unless Elasticsearch kept every one. */
    public Uni<Void> append(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NdjsonBody body = new NdjsonBody();
        for (HistoryEntry entry : entries) {
            body.action(json, "index", layout.historyIndex(), entry.event().eventId());
            ObjectNode document = json.valueToTree(entry.event());
            document.put("record_seq_no", entry.recordSeqNo());
            document.put("published", false);
            body.line(json, document);
        }
        return ensureTemplate()
                .chain(() -> elasticsearch.bulk(body, Map.of()))
                .invoke(answer -> {
                    if (answer.errors()) {
                        throw new IllegalStateException("the history refused events: " + answer.firstError());
                    }
                })
                .replaceWithVoid();
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

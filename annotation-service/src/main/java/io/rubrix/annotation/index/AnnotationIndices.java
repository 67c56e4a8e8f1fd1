package io.rubrix.annotation.index;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.smallrye.mutiny.Uni;

/**
 * Puts the index templates of the history and jobs indices in place before the first write, so that those
 * indices get their mappings whenever Elasticsearch creates them (also after someone deleted them).
 */
@ApplicationScoped
public class AnnotationIndices {

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final IndexTemplates templates;
    private final AtomicBoolean ready = new AtomicBoolean();

    public AnnotationIndices(Elasticsearch elasticsearch, IndexLayout layout, IndexTemplates templates) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.templates = templates;
    }

    public Uni<Void> ensureReady() {
        if (ready.get()) {
            return Uni.createFrom().voidItem();
        }
        return elasticsearch.send("PUT", "/_index_template/" + layout.historyTemplateName(), templates.historyTemplate())
                .chain(() -> elasticsearch.send("PUT", "/_index_template/" + layout.jobsTemplateName(),
                        templates.jobsTemplate()))
                .invoke(() -> {
                    if (!ready.getAndSet(true)) {
                        Log.infof("Index templates for %s and %s are in place", layout.historyIndex(), layout.jobsIndex());
                    }
                })
                .replaceWithVoid();
    }
}

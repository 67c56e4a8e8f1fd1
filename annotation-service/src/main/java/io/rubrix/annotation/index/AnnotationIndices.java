package io.rubrix.annotation.index;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.OnceInPlace;
import io.smallrye.mutiny.Uni;

/**
 * Puts the index templates of the history, jobs, drift and webhook secrets indices in place before the first write, so that those
 * indices get their mappings whenever Elasticsearch creates them (also after someone deleted them).
 */
@ApplicationScoped
public class AnnotationIndices {

    /** The jobs index's fields added since it was first made: the in-flight pages of jobs (ADR 0016). */
    private static final String JOBS_FIELDS_ADDED = "{\"properties\":{\"page_of\":{\"type\":\"keyword\"}}}";

    private final OnceInPlace inPlace;

    public AnnotationIndices(Elasticsearch elasticsearch, IndexLayout layout, IndexTemplates templates) {
        this.inPlace = new OnceInPlace(() -> elasticsearch
                .send("PUT", "/_index_template/" + layout.historyTemplateName(), templates.historyTemplate())
                .chain(() -> elasticsearch.send("PUT", "/_index_template/" + layout.jobsTemplateName(),
                        templates.jobsTemplate()))
                // a jobs index created before a field was added to the template gets it too
                .chain(() -> elasticsearch.send("PUT", "/" + layout.jobsIndex() + "/_mapping", JOBS_FIELDS_ADDED)
                        .onFailure(ElasticsearchException::notFound).recoverWithNull())
                .chain(() -> elasticsearch.send("PUT", "/_index_template/" + layout.driftTemplateName(),
                        templates.driftTemplate()))
                .chain(() -> elasticsearch.send("PUT", "/_index_template/" + layout.webhookSecretsTemplateName(),
                        templates.webhookSecretsTemplate()))
                .replaceWithVoid(),
                "Index templates for " + layout.historyIndex() + ", " + layout.jobsIndex() + ", "
                        + layout.driftIndex() + " and " + layout.webhookSecretsIndex());
    }

    public Uni<Void> ensureReady() {
        return inPlace.ensureReady();
    }
}

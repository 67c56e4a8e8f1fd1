package io.rubrix.ingest.index;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.OnceInPlace;
import io.smallrye.mutiny.Uni;

/**
 * Puts the records and datasets index templates and the datasets index in place before the first write. Done
 * lazily (Elasticsearch may come up after the service) and once per process once it succeeded. A datasets index
 * deleted later is made again by the next descriptor written, from its template.
 */
@ApplicationScoped
public class IndexBootstrap {

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final IndexTemplates templates;
    private final OnceInPlace inPlace;

    public IndexBootstrap(Elasticsearch elasticsearch, IndexLayout layout, IndexTemplates templates) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.templates = templates;
        this.inPlace = new OnceInPlace(this::putInPlace,
                "Index template " + layout.recordsTemplateName() + " and index " + layout.datasetsIndex());
    }

    public Uni<Void> ensureReady() {
        return inPlace.ensureReady();
    }

    private Uni<Void> putInPlace() {
        return elasticsearch.send("PUT", "/_index_template/" + layout.recordsTemplateName(), templates.recordsTemplate())
                .chain(() -> elasticsearch.send("PUT", "/_index_template/" + layout.datasetsTemplateName(),
                        templates.datasetsTemplate()))
                .chain(() -> createDatasetsIndex());
    }

    /**
     * Runs {@code write}; when Elasticsearch answers that an index is missing (the datasets index deleted while
     * this service runs), puts the template and index back and runs it once more, instead of failing every
     * write until a restart.
     */
    public <T> Uni<T> withIndices(Supplier<Uni<T>> write) {
        return write.get().onFailure(IndexBootstrap::indexMissing).recoverWithUni(missing -> {
            Log.warnf("An index was missing (%s); putting the template and datasets index back", missing.getMessage());
            inPlace.forget();
            return ensureReady().chain(() -> write.get());
        });
    }

    private static boolean indexMissing(Throwable failure) {
        return failure instanceof ElasticsearchException refused
                && "index_not_found_exception".equals(refused.errorType());
    }

    private Uni<Void> createDatasetsIndex() {
        return elasticsearch.send("PUT", "/" + layout.datasetsIndex(), templates.datasetsIndex())
                .replaceWithVoid()
                .onFailure(ElasticsearchException.class)
                .recoverWithUni(e -> alreadyExists((ElasticsearchException) e));
    }

    private static Uni<Void> alreadyExists(ElasticsearchException e) {
        if ("resource_already_exists_exception".equals(e.errorType())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(e);
    }
}

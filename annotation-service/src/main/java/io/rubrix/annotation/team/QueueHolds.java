package io.rubrix.annotation.team;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.common.elasticsearch.DocumentWrite;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.smallrye.mutiny.Uni;

/**
 * The record each person's queue last handed them, one small document per person and dataset beside the jobs (read
 * by id, so it is current at once, where a search sees a claim only after the next refresh): a reload, or a second
 * tab, a moment after a claim gets the same record back.
 */
@ApplicationScoped
public class QueueHolds {

    static final String PREFIX = "queue-hold/";
    private static final Duration SHARD_STARTING = Duration.ofMillis(50);

    private final Elasticsearch elasticsearch;
    private final AnnotationIndices indices;
    private final IndexLayout layout;

    public QueueHolds(Elasticsearch elasticsearch, AnnotationIndices indices, IndexLayout layout) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
        this.layout = layout;
    }

    /**
     * The record last handed to {@code user}, if any. A shard still starting (the index was just made by the first
     * hold) is asked again for a moment; then the queue goes on without the hold (its search finds held records once
     * they are searchable).
     */
    public Uni<Optional<String>> held(String workspace, String dataset, String user) {
        return elasticsearch.document(layout.jobsIndex(), key(workspace, dataset, user))
                .onFailure(ElasticsearchException::refusedForNow).retry()
                .withBackOff(SHARD_STARTING, SHARD_STARTING.multipliedBy(8)).atMost(5)
                .map(found -> Optional.ofNullable(found.path("_source").path("record_id").asText(null)))
                .onFailure(e -> ElasticsearchException.notFound(e) || ElasticsearchException.refusedForNow(e))
                .recoverWithItem(Optional.empty());
    }

    public Uni<Void> hold(String workspace, String dataset, String user, String recordId) {
        return indices.ensureReady().chain(() -> elasticsearch.write(DocumentWrite.index(layout.jobsIndex(),
                key(workspace, dataset, user), Map.of("hold", "queue", "workspace", workspace, "dataset", dataset,
                        "user", user, "record_id", recordId)))).replaceWithVoid();
    }

    private static String key(String workspace, String dataset, String user) {
        return PREFIX + workspace + "/" + dataset + "/" + user;
    }
}

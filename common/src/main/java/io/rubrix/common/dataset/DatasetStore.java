package io.rubrix.common.dataset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * Dataset descriptors in the datasets index, one document per workspace and name. Every service reads
 * them; only ingest-service creates, updates and deletes them, and annotation-service sets their settings.
 */
@ApplicationScoped
public class DatasetStore {

    private static final Duration SHARD_STARTING_BACKOFF = Duration.ofMillis(50);

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public DatasetStore(Elasticsearch elasticsearch, IndexLayout layout, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.json = json;
    }

    /**
     * A get answers 503 ("no shard available") while the index's shard starts, e.g. just after the datasets
     * index was created by the first writes to an empty cluster; a read refused for now is asked again for
     * about a second.
     */
    public Uni<Optional<Dataset>> find(String workspace, String name) {
        return elasticsearch.document(layout.datasetsIndex(), Dataset.documentId(workspace, name))
                .onFailure(ElasticsearchException::refusedForNow).retry()
                .withBackOff(SHARD_STARTING_BACKOFF, SHARD_STARTING_BACKOFF.multipliedBy(8)).atMost(5)
                .map(found -> Optional.of(read(found.get("_source"))))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(Optional.empty());
    }

    /** The dataset, or a 404 that does not tell whether it exists in another workspace. */
    public Uni<Dataset> require(String workspace, String name) {
        return find(workspace, name).map(found -> found.orElseThrow(
                () -> ApiException.notFound("Dataset '" + name + "' not found in workspace '" + workspace + "'")));
    }

    /** The descriptors of {@code workspaces}, at most {@code limit}, by name then workspace. */
    public Uni<List<Dataset>> list(List<String> workspaces, int limit) {
        Map<String, Object> search = Map.of("size", limit,
                "query", Map.of("terms", Map.of("workspace", workspaces)),
                "sort", List.of(Map.of("name", "asc"), Map.of("workspace", "asc")));
        return descriptors(search);
    }

    /** Every descriptor of every workspace, at most {@code limit}, in no order (for work that spans them: drift monitors). */
    public Uni<List<Dataset>> everyWorkspace(int limit) {
        Map<String, Object> search = Map.of("size", limit, "query", Map.of("match_all", Map.of()));
        return descriptors(search);
    }

    private Uni<List<Dataset>> descriptors(Map<String, Object> search) {
        return elasticsearch.send("POST", "/" + layout.datasetsIndex() + "/_search", search)
                .map(answer -> {
                    List<Dataset> datasets = new ArrayList<>();
                    for (JsonNode hit : answer.path("hits").path("hits")) {
                        datasets.add(read(hit.get("_source")));
                    }
                    return datasets;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(List.of());
    }

    /** Creates the descriptor; false when another writer created it first. */
    public Uni<Boolean> create(Dataset dataset) {
        return elasticsearch.send("PUT", "/" + layout.datasetsIndex() + "/_create/" + PathSegment.encode(dataset.documentId()),
                dataset, Map.of("refresh", "true"))
                .map(created -> true)
                .onFailure(ElasticsearchException.class).recoverWithUni(e -> {
                    if (((ElasticsearchException) e).status() == 409) {
                        return Uni.createFrom().item(false);
                    }
                    return Uni.createFrom().failure(e);
                });
    }

    /**
     * A partial update: Elasticsearch merges {@code partial} into the stored descriptor (objects member by
     * member, other values replaced), atomically, so concurrent writers of different members never lose each
     * other's changes (Elasticsearch retries the merge itself when two updates cross).
     */
    public Uni<Void> update(String workspace, String name, Map<String, Object> partial) {
        return update(workspace, name, partial, true);
    }

    /** {@code visible}: wait until searches see the change (lists); a get by id sees it at once anyway. */
    public Uni<Void> update(String workspace, String name, Map<String, Object> partial, boolean visible) {
        return elasticsearch.send("POST",
                "/" + layout.datasetsIndex() + "/_update/" + PathSegment.encode(Dataset.documentId(workspace, name)),
                Map.of("doc", partial), Map.of("refresh", Boolean.toString(visible), "retry_on_conflict", "5"))
                .replaceWithVoid();
    }

    public Uni<Void> delete(Dataset dataset) {
        return elasticsearch.send("DELETE", documentPath(dataset.documentId()), null, Map.of("refresh", "true"))
                .replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    private Dataset read(JsonNode source) {
        try {
            return json.treeToValue(source, Dataset.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable dataset descriptor " + source, e);
        }
    }

    private String documentPath(String id) {
        return "/" + layout.datasetsIndex() + "/_doc/" + PathSegment.encode(id);
    }

}

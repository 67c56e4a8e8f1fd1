package io.rubrix.common.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.smallrye.mutiny.Uni;

/**
 * Snapshots: their descriptors, one document each in the snapshots index, and their training rows, one index per
 * snapshot ({@link #rowsIndex}), each row with its number. ingest-service writes them; query-service reads them.
 */
@ApplicationScoped
public class SnapshotsIndex {

    private static final int PAGE = 1000;

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final IndexTemplates templates;
    private final ObjectMapper json;

    public SnapshotsIndex(Elasticsearch elasticsearch, IndexLayout layout, IndexTemplates templates, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.templates = templates;
        this.json = json;
    }

    /** The index holding a snapshot's rows. */
    public String rowsIndex(String workspace, String dataset, String id) {
        return layout.snapshotDataIndex(workspace, dataset, id);
    }

    /** A new, empty rows index for snapshot {@code id} (and the descriptors index, the first time). */
    public Uni<Void> createRows(String workspace, String dataset, String id) {
        return ensureDescriptorsIndex().chain(() -> elasticsearch.send("PUT", "/" + rowsIndex(workspace, dataset, id),
                templates.snapshotDataIndex())).replaceWithVoid();
    }

    /** Appends rows, numbered from {@code firstRow}; fails unless Elasticsearch kept every one. */
    public Uni<Void> appendRows(String rowsIndex, long firstRow, List<?> rows) {
        NdjsonBody bulk = new NdjsonBody();
        long number = firstRow;
        for (Object row : rows) {
            ObjectNode document = json.createObjectNode();
            document.put("row_number", number++);
            document.set("row", json.valueToTree(row));
            bulk.action(json, "index", rowsIndex, null).line(json, document);
        }
        return elasticsearch.bulk(bulk, Map.of())
                .invoke(answer -> {
                    if (answer.errors()) {
                        throw new IllegalStateException("Elasticsearch refused rows of the snapshot " + rowsIndex
                                + ": " + answer.firstError());
                    }
                })
                .replaceWithVoid();
    }

    /** Makes the rows appended so far visible to reads. */
    public Uni<Void> refreshRows(String rowsIndex) {
        return elasticsearch.send("POST", "/" + rowsIndex + "/_refresh", null).replaceWithVoid();
    }

    /** Removes the rows of snapshot {@code id}; nothing to do when there are none. */
    public Uni<Void> deleteRows(String workspace, String dataset, String id) {
        return elasticsearch.send("DELETE", "/" + rowsIndex(workspace, dataset, id), null).replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    /** Removes the rows of every snapshot of a dataset: indices named one by one (Elasticsearch refuses wildcards). */
    public Uni<Void> deleteAllRows(String workspace, String dataset) {
        return elasticsearch.send("GET", "/_resolve/index/" + layout.snapshotDataPatternOf(workspace, dataset), null,
                        Map.of("expand_wildcards", "all"))
                .chain(resolved -> {
                    List<String> indices = new ArrayList<>();
                    resolved.path("indices").forEach(index -> indices.add(index.path("name").asText()));
                    return indices.isEmpty() ? Uni.createFrom().voidItem()
                            : elasticsearch.send("DELETE", "/" + String.join(",", indices), null).replaceWithVoid();
                });
    }

    /** Writes the descriptor, visible to lists at once. */
    public Uni<Void> describe(DatasetSnapshot snapshot) {
        return elasticsearch.send("PUT", "/" + layout.snapshotsIndex() + "/_doc/"
                        + documentId(snapshot.workspace(), snapshot.dataset(), snapshot.id()), snapshot,
                        Map.of("refresh", "true"))
                .replaceWithVoid();
    }

    /** The descriptor of snapshot {@code id}, if there is one. */
    public Uni<Optional<DatasetSnapshot>> descriptor(String workspace, String dataset, String id) {
        return elasticsearch.get("/" + layout.snapshotsIndex() + "/_doc/" + documentId(workspace, dataset, id))
                .map(found -> Optional.of(read(found.get("_source"))))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(Optional.empty());
    }

    /** The descriptors of a dataset's snapshots, newest first, at most {@code limit}. */
    public Uni<List<DatasetSnapshot>> descriptors(String workspace, String dataset, int limit) {
        Map<String, Object> search = Map.of("size", limit, "query", ofDataset(workspace, dataset),
                "sort", List.of(Map.of("creation_date", "desc")));
        return elasticsearch.send("POST", "/" + layout.snapshotsIndex() + "/_search", search)
                .map(answer -> {
                    List<DatasetSnapshot> snapshots = new ArrayList<>();
                    answer.path("hits").path("hits").forEach(hit -> snapshots.add(read(hit.get("_source"))));
                    return snapshots;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(List.of());
    }

    /** Removes the descriptor of snapshot {@code id}; false when there was none. */
    public Uni<Boolean> deleteDescriptor(String workspace, String dataset, String id) {
        return elasticsearch.send("DELETE", "/" + layout.snapshotsIndex() + "/_doc/" + documentId(workspace, dataset, id),
                        null, Map.of("refresh", "true"))
                .map(deleted -> true)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(false);
    }

    /**
     * Removes the descriptors of every snapshot of a dataset (none when no snapshot was ever taken), a page of ids
     * at a time: found by a search, deleted by a bulk (this cluster's distribution has no delete-by-query).
     */
    public Uni<Void> deleteDescriptors(String workspace, String dataset) {
        Map<String, Object> search = Map.of("size", PAGE, "_source", false, "query", ofDataset(workspace, dataset));
        return elasticsearch.send("POST", "/" + layout.snapshotsIndex() + "/_search", search)
                .onFailure(ElasticsearchException::notFound).recoverWithNull()
                .chain(answer -> {
                    JsonNode hits = answer == null ? json.createArrayNode() : answer.path("hits").path("hits");
                    if (hits.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    NdjsonBody deletions = new NdjsonBody();
                    hits.forEach(hit -> deletions.action(json, "delete", layout.snapshotsIndex(), hit.path("_id").asText()));
                    return elasticsearch.bulk(deletions, Map.of("refresh", "true"))
                            .invoke(result -> {
                                if (result.errors()) {
                                    throw new IllegalStateException("Elasticsearch refused to delete snapshots of "
                                            + workspace + "/" + dataset + ": " + result.firstError());
                                }
                            })
                            .chain(() -> hits.size() < PAGE ? Uni.createFrom().voidItem()
                                    : deleteDescriptors(workspace, dataset));
                });
    }

    private Uni<Void> ensureDescriptorsIndex() {
        return elasticsearch.exists("/" + layout.snapshotsIndex()).chain(exists -> exists ? Uni.createFrom().voidItem()
                : elasticsearch.send("PUT", "/" + layout.snapshotsIndex(), templates.snapshotsIndex()).replaceWithVoid()
                        .onFailure(ElasticsearchException.class).recoverWithUni(e ->
                                "resource_already_exists_exception".equals(((ElasticsearchException) e).errorType())
                                        ? Uni.createFrom().voidItem() : Uni.createFrom().failure(e)));
    }

    private static Map<String, Object> ofDataset(String workspace, String dataset) {
        return Map.of("bool", Map.of("filter", List.of(
                Map.of("term", Map.of("workspace", workspace)), Map.of("term", Map.of("dataset", dataset)))));
    }

    private static String documentId(String workspace, String dataset, String id) {
        return PathSegment.encode(workspace + "." + dataset + "." + id);
    }

    private DatasetSnapshot read(JsonNode source) {
        try {
            return json.treeToValue(source, DatasetSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot descriptor", e);
        }
    }
}

package io.rubrix.query.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.rubrix.query.export.NdjsonChunks;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Snapshots of a dataset of a workspace (ingest-service writes them): their descriptors, newest first,
 * and their rows in order. They stay readable after the dataset changed or was deleted; a name that has
 * neither a dataset nor a snapshot in the workspace is not found, as everywhere else.
 */
@ApplicationScoped
public class SnapshotReader {

    static final int MAX_SNAPSHOTS = 1000;

    private final Elasticsearch elasticsearch;
    private final PointInTimeScan scan;
    private final IndexLayout layout;
    private final ObjectMapper json;
    private final DatasetStore datasets;

    public SnapshotReader(Elasticsearch elasticsearch, PointInTimeScan scan, IndexLayout layout, ObjectMapper json,
            DatasetStore datasets) {
        this.elasticsearch = elasticsearch;
        this.datasets = datasets;
        this.scan = scan;
        this.layout = layout;
        this.json = json;
    }

    public Uni<List<DatasetSnapshot>> list(String workspace, String dataset) {
        Map<String, Object> search = Map.of("size", MAX_SNAPSHOTS,
                "query", Map.of("bool", Map.of("filter", List.of(
                        Map.of("term", Map.of("workspace", workspace)), Map.of("term", Map.of("dataset", dataset))))),
                "sort", List.of(Map.of("creation_date", "desc")));
        return elasticsearch.send("POST", "/" + layout.snapshotsIndex() + "/_search", search)
                .map(answer -> {
                    List<DatasetSnapshot> snapshots = new ArrayList<>();
                    answer.path("hits").path("hits").forEach(hit -> snapshots.add(read(hit.get("_source"))));
                    return snapshots;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(List.of())
                .chain(found -> found.isEmpty()
                        ? datasets.require(workspace, dataset).map(exists -> found)
                        : Uni.createFrom().item(found));
    }

    public Uni<DatasetSnapshot> get(String workspace, String dataset, String id) {
        String documentId = PathSegment.encode(workspace + "." + dataset + "." + id);
        return elasticsearch.get("/" + layout.snapshotsIndex() + "/_doc/" + documentId)
                .map(found -> read(found.get("_source")))
                .onFailure(ElasticsearchException::notFound).transform(
                        e -> ApiException.notFound("Snapshot '" + id + "' of dataset '" + dataset + "' not found"));
    }

    /** The snapshot's training rows in their order as NDJSON, a page per chunk (404 when there is no such snapshot). */
    public Multi<io.vertx.core.buffer.Buffer> rows(String workspace, String dataset, String id) {
        return get(workspace, dataset, id).onItem().transformToMulti(snapshot -> {
            JsonNode all = json.createObjectNode().set("match_all", json.createObjectNode());
            return scan.pages(layout.snapshotDataIndex(workspace, dataset, id), all, "row_number", List.of())
                    .map(page -> io.vertx.core.buffer.Buffer.buffer(
                            NdjsonChunks.lines(json, page.stream().map(source -> source.get("row")).toList())));
        });
    }

    private DatasetSnapshot read(JsonNode source) {
        try {
            return json.treeToValue(source, DatasetSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot descriptor", e);
        }
    }
}

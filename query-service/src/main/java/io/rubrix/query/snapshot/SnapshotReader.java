package io.rubrix.query.snapshot;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.store.SnapshotsIndex;
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

    private final SnapshotsIndex snapshots;
    private final PointInTimeScan scan;
    private final ObjectMapper json;
    private final DatasetStore datasets;

    public SnapshotReader(SnapshotsIndex snapshots, PointInTimeScan scan, ObjectMapper json, DatasetStore datasets) {
        this.snapshots = snapshots;
        this.scan = scan;
        this.json = json;
        this.datasets = datasets;
    }

    public Uni<List<DatasetSnapshot>> list(String workspace, String dataset) {
        return snapshots.descriptors(workspace, dataset, MAX_SNAPSHOTS)
                .chain(found -> found.isEmpty()
                        ? datasets.require(workspace, dataset).map(exists -> found)
                        : Uni.createFrom().item(found));
    }

    public Uni<DatasetSnapshot> get(String workspace, String dataset, String id) {
        return snapshots.descriptor(workspace, dataset, id).map(found -> found.orElseThrow(
                () -> ApiException.notFound("Snapshot '" + id + "' of dataset '" + dataset + "' not found")));
    }

    /** The snapshot's training rows in their order as NDJSON, a page per chunk (404 when there is no such snapshot). */
    public Multi<io.vertx.core.buffer.Buffer> rows(String workspace, String dataset, String id) {
        return get(workspace, dataset, id).onItem().transformToMulti(snapshot -> {
            JsonNode all = json.createObjectNode().set("match_all", json.createObjectNode());
            return scan.pages(snapshots.rowsIndex(workspace, dataset, id), all, "row_number", List.of())
                    .map(page -> io.vertx.core.buffer.Buffer.buffer(
                            NdjsonChunks.lines(json, page.stream().map(source -> source.get("row")).toList())));
        });
    }
}

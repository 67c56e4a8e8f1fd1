package io.rubrix.ingest.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.common.store.SnapshotsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.rubrix.model.snapshot.TrainingRows;
import io.smallrye.mutiny.Uni;

/**
 * Freezes a dataset's records matching a query ({@code Validated} ones by default, as Rubrix) into an
 * immutable copy of flat training rows: a point-in-time scan of the records index (no 10,000 wall, a
 * consistent view while people keep labelling), written page by page with {@code _bulk} into the
 * snapshot's own index, then described in the snapshots index. A failed copy is removed.
 */
@ApplicationScoped
public class SnapshotService {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss").withZone(ZoneOffset.UTC);

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final SnapshotsIndex snapshots;
    private final PointInTimeScan scan;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public SnapshotService(DatasetStore datasets, RecordsIndex records, SnapshotsIndex snapshots, PointInTimeScan scan,
            ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.snapshots = snapshots;
        this.scan = scan;
        this.json = json;
    }

    public Uni<DatasetSnapshot> create(String workspace, String name, SnapshotRequest request) {
        RecordQuery query = (request == null ? new SnapshotRequest(null) : request).queryOrDefault().requireValid();
        Instant now = clock.instant();
        String id = ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        return datasets.require(workspace, name).chain(dataset -> snapshots.createRows(workspace, name, id)
                .chain(() -> copy(dataset, query, snapshots.rowsIndex(workspace, name, id)))
                .chain(count -> describe(dataset, id, query, now, count))
                .onFailure().call(() -> snapshots.deleteRows(workspace, name, id).onFailure().recoverWithNull()));
    }

    public Uni<Void> delete(String workspace, String name, String id) {
        return datasets.require(workspace, name)
                .chain(() -> snapshots.deleteDescriptor(workspace, name, id))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ApiException.notFound("Snapshot '" + id + "' of dataset '" + name + "' not found");
                    }
                })
                .chain(() -> snapshots.deleteRows(workspace, name, id).onFailure(ElasticsearchException.class).recoverWithNull());
    }

    /**
     * Removes every snapshot of a dataset that is being deleted, rows and descriptors: a dataset created later
     * under the same name starts without any, and {@code rb.load(name, snapshot=id)} cannot read the old rows.
     */
    public Uni<Void> deleteAll(String workspace, String name) {
        return snapshots.deleteAllRows(workspace, name).chain(() -> snapshots.deleteDescriptors(workspace, name));
    }

    /** The records matching {@code query}, a page at a time in a point in time, as numbered training rows. */
    private Uni<Long> copy(Dataset dataset, RecordQuery query, String rowsIndex) {
        AtomicLong copied = new AtomicLong();
        return scan.pages(records.name(dataset.workspace(), dataset.name()), query.toElasticsearch(dataset.task(), json),
                        "_shard_doc", List.of())
                .onItem().transformToUniAndConcatenate(page -> {
                    List<Map<String, Object>> rows = page.stream().map(source -> TrainingRows.of(read(dataset, source))).toList();
                    return snapshots.appendRows(rowsIndex, copied.getAndAdd(rows.size()), rows);
                })
                .collect().last()
                .chain(() -> snapshots.refreshRows(rowsIndex))
                .map(ignored -> copied.get());
    }

    private Uni<DatasetSnapshot> describe(Dataset dataset, String id, RecordQuery query, Instant now, long count) {
        DatasetSnapshot snapshot = new DatasetSnapshot(id, "json", DatasetSnapshot.dataUri(dataset.name(), id),
                dataset.task(), now, dataset.name(), dataset.workspace(), count, query);
        Log.infof("Snapshot %s of %s/%s holds %d records", id, dataset.workspace(), dataset.name(), count);
        return snapshots.describe(snapshot).replaceWith(snapshot);
    }

    private TaskRecord read(Dataset dataset, JsonNode source) {
        try {
            return json.treeToValue(source, RecordReader.typeOf(dataset.task()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored record " + source.path("id"), e);
        }
    }
}

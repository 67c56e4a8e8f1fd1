package io.rubrix.ingest.dataset;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.ingest.snapshot.SnapshotService;
import io.rubrix.model.dataset.Dataset;
import io.smallrye.mutiny.Uni;

/** Updating, deleting, closing and opening a dataset. */
@ApplicationScoped
public class DatasetLifecycle {

    private final DatasetStore store;
    private final RecordsIndex records;
    private final SnapshotService snapshots;
    private final DescriptorLimits limits;
    private final Clock clock = Clock.systemUTC();

    public DatasetLifecycle(DatasetStore store, RecordsIndex records, SnapshotService snapshots, DescriptorLimits limits) {
        this.store = store;
        this.records = records;
        this.snapshots = snapshots;
        this.limits = limits;
    }

    public Uni<Dataset> update(String workspace, String name, DatasetUpdate update) {
        return store.require(workspace, name).chain(dataset -> {
            Dataset merged = limits.require(dataset.merged(update == null ? null : update.tags(),
                    update == null ? null : update.metadata(), clock.instant()));
            Map<String, Object> partial = new HashMap<>();
            partial.put("tags", merged.tags());
            partial.put("metadata", merged.metadata());
            partial.put("last_updated", merged.lastUpdated().toString());
            return store.update(workspace, name, partial).replaceWith(merged);
        });
    }

    /**
     * Deletes the records, the snapshots and, last, the descriptor (a delete that fails midway can be sent
     * again); a dataset that does not exist is already deleted. The label history stays: it is append-only.
     */
    public Uni<Void> delete(String workspace, String name) {
        return store.find(workspace, name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Log.infof("Deleting dataset %s of workspace %s", name, workspace);
            return records.delete(workspace, name)
                    .chain(() -> snapshots.deleteAll(workspace, name))
                    .chain(() -> store.delete(found.get()));
        });
    }

    /** Closes (or opens) the records index: a closed dataset keeps its data but takes no reads or writes. */
    public Uni<Dataset> setClosed(String workspace, String name, boolean closed) {
        return store.require(workspace, name).chain(dataset -> {
            Dataset changed = dataset.withClosed(closed, clock.instant());
            return records.openOrClose(workspace, name, !closed)
                    .chain(() -> store.update(workspace, name,
                            Map.of("closed", closed, "last_updated", changed.lastUpdated().toString())))
                    .replaceWith(changed);
        });
    }
}

package io.rubrix.ingest.dataset;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.common.dataset.Dataset;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.error.FieldError;
import io.rubrix.common.record.Task;
import io.rubrix.common.validation.DatasetName;
import io.rubrix.ingest.index.IndexBootstrap;
import io.smallrye.mutiny.Uni;

/** The dataset side of a machine write: created on first write, tags and metadata merged on later ones. */
@ApplicationScoped
public class DatasetService {

    private final DatasetStore store;
    private final IndexBootstrap bootstrap;
    private final Clock clock;

    public DatasetService(DatasetStore store, IndexBootstrap bootstrap) {
        this.store = store;
        this.bootstrap = bootstrap;
        this.clock = Clock.systemUTC();
    }

    /** 422 when {@code name} is not a valid dataset name, as Rubrix answered. */
    public static void requireValidName(String name) {
        DatasetName.check(name).ifPresent(violation -> {
            throw ApiException.unprocessable(violation.toString(), List.of(FieldError.of(violation)));
        });
    }

    /**
     * The dataset a batch of {@code task} records goes to: created in {@code workspace} if new, else checked
     * (same task, not closed) and updated with the batch's tags and metadata.
     */
    public Uni<Dataset> openForWrite(String workspace, String name, Task task, String writer,
            Map<String, String> tags, Map<String, Object> metadata) {
        requireValidName(name);
        return bootstrap.ensureReady()
                .chain(() -> store.find(workspace, name))
                .chain(found -> found.isPresent()
                        ? update(found.get(), task, tags, metadata)
                        : createOrJoin(Dataset.create(workspace, name, task, writer, tags, metadata, clock.instant()),
                                tags, metadata));
    }

    private Uni<Dataset> createOrJoin(Dataset fresh, Map<String, String> tags, Map<String, Object> metadata) {
        return store.create(fresh).chain(created -> created
                ? Uni.createFrom().item(fresh)
                : store.find(fresh.workspace(), fresh.name())
                        .map(found -> found.orElseThrow(() -> ApiException.conflict(
                                "Dataset '" + fresh.name() + "' was deleted while being created; retry")))
                        .chain(existing -> update(existing, fresh.task(), tags, metadata)));
    }

    private Uni<Dataset> update(Dataset existing, Task task, Map<String, String> tags, Map<String, Object> metadata) {
        if (existing.task() != task) {
            throw ApiException.badRequest("task",
                    "dataset '" + existing.name() + "' is a " + existing.task() + " dataset, not " + task);
        }
        if (existing.closed()) {
            throw ApiException.conflict("Dataset '" + existing.name() + "' is closed; open it before writing to it");
        }
        Dataset merged = existing.merged(tags, metadata, clock.instant());
        Map<String, Object> partial = new HashMap<>();
        partial.put("last_updated", merged.lastUpdated().toString());
        if (tags != null && !tags.isEmpty()) {
            partial.put("tags", tags);
        }
        if (metadata != null && !metadata.isEmpty()) {
            partial.put("metadata", metadata);
        }
        return store.update(existing.workspace(), existing.name(), partial).replaceWith(merged);
    }
}

package io.rubrix.ingest.dataset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.ingest.index.IndexBootstrap;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.Task;
import io.rubrix.model.validation.DatasetName;
import io.smallrye.mutiny.Uni;

/** The dataset side of a machine write: created on first write, tags and metadata merged on later ones. */
@ApplicationScoped
public class DatasetService {

    /** How often a stream of writes moves a dataset's {@code last_updated}: at most once a second. */
    static final Duration RESTAMP_AFTER = Duration.ofSeconds(1);

    private final DatasetStore store;
    private final IndexBootstrap bootstrap;
    private final DescriptorLimits limits;
    private final Clock clock;
    /** Descriptors stamped in the last {@link #RESTAMP_AFTER}, at most one per dataset written to in that time. */
    private final Cache<String, Instant> recentlyStamped = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(RESTAMP_AFTER).build();

    public DatasetService(DatasetStore store, IndexBootstrap bootstrap, DescriptorLimits limits) {
        this.store = store;
        this.bootstrap = bootstrap;
        this.limits = limits;
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
                        : createOrJoin(limits.require(
                                Dataset.create(workspace, name, task, writer, tags, metadata, clock.instant())),
                                tags, metadata));
    }

    /** True when the dataset already holds these tags and metadata (a client that sends them with every chunk). */
    private static boolean alreadyHas(Dataset dataset, Map<String, String> tags, Map<String, Object> metadata) {
        return (tags == null || dataset.tags().entrySet().containsAll(tags.entrySet()))
                && (metadata == null || dataset.metadata().entrySet().containsAll(metadata.entrySet()));
    }

    private Uni<Dataset> createOrJoin(Dataset fresh, Map<String, String> tags, Map<String, Object> metadata) {
        return bootstrap.withIndices(() -> store.create(fresh)).chain(created -> created
                ? Uni.createFrom().item(fresh)
                : store.find(fresh.workspace(), fresh.name())
                        .map(found -> found.orElseThrow(() -> ApiException.conflict(
                                "Dataset '" + fresh.name() + "' was deleted while being created; retry")))
                        .chain(existing -> update(existing, fresh.task(), tags, metadata)));
    }

    private Uni<Dataset> update(Dataset existing, Task task, Map<String, String> tags, Map<String, Object> metadata) {
        existing.requireTask(task);
        if (existing.closed()) {
            throw ApiException.conflict("Dataset '" + existing.name() + "' is closed; open it before writing to it");
        }
        String key = existing.documentId();
        Instant stamped = recentlyStamped.getIfPresent(key);
        if (stamped != null && stamped.plus(RESTAMP_AFTER).isAfter(clock.instant())
                && alreadyHas(existing, tags, metadata)) {
            // A stream of chunks: the descriptor was stamped a moment ago and holds these tags already.
            return Uni.createFrom().item(existing);
        }
        recentlyStamped.put(key, clock.instant());
        Dataset merged = limits.require(existing.merged(tags, metadata, clock.instant()));
        Map<String, Object> partial = new HashMap<>();
        partial.put("last_updated", merged.lastUpdated().toString());
        if (tags != null && !tags.isEmpty()) {
            partial.put("tags", tags);
        }
        if (metadata != null && !metadata.isEmpty()) {
            partial.put("metadata", metadata);
        }
        boolean listsMustSeeIt = partial.size() > 1;
        return store.update(existing.workspace(), existing.name(), partial, listsMustSeeIt).replaceWith(merged);
    }
}

package io.rubrix.annotation.team;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.StaleVersionException;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.team.Team;
import io.smallrye.mutiny.Uni;

/**
 * Writes a team's change to one record over the version it was decided on. Several people write the same record
 * (each their own response, the queue its claims): when someone else wrote in between, the record is read again and
 * the change decided again on it (it touches only the writer's part, so deciding again is safe), a few times.
 */
@ApplicationScoped
public class TeamWrites {

    private static final int ATTEMPTS = 6;

    private final RecordStore records;
    private final TeamRules rules;
    private final TeamMapping mapping;
    private final RecentlyWritten recentlyWritten;
    private final IndexLayout layout;

    public TeamWrites(RecordStore records, TeamRules rules, TeamMapping mapping, RecentlyWritten recentlyWritten,
            IndexLayout layout) {
        this.records = records;
        this.rules = rules;
        this.mapping = mapping;
        this.recentlyWritten = recentlyWritten;
        this.layout = layout;
    }

    /**
     * What to write: the record (stamped by the decision when its annotation changed: a claim or a response alone
     * leaves {@code last_updated} as it was) and its team, and what to answer.
     */
    public record Decision<T>(TaskRecord record, Team team, T result) {
    }

    /** A decision written: the record as it was read, the decision, and the version it made. */
    public record Written<T>(VersionedRecord before, Decision<T> decision, RecordVersion version) {
    }

    /** A record that others kept changing between each read and write (a 503: try again). */
    public static final class Contended extends StorageUnavailable {

        Contended(String id, Throwable cause) {
            super("Record '" + id + "' is being changed by many people at once; try again", cause);
        }
    }

    /** A record read with its team. */
    public record Current(VersionedRecord stored, Team team) {
    }

    public Uni<Current> read(String index, Task task, String id) {
        return records.get(index, task, id).map(stored -> new Current(stored, rules.read(stored.team())));
    }

    /**
     * The decision on {@code current} (a hit or a get) written over it, deciding again on a newer version if someone
     * wrote in between; an empty decision writes nothing.
     */
    public <T> Uni<Optional<Written<T>>> changeFrom(Dataset dataset, Task task, Current current,
            Function<Current, Optional<Decision<T>>> decide, String refresh) {
        String index = layout.recordsIndex(dataset.workspace(), dataset.name());
        String scope = RecentlyWritten.scope(index, dataset);
        return mapping.ensure(index).chain(() -> write(index, scope, task, current, decide, refresh, 1));
    }

    private <T> Uni<Optional<Written<T>>> attempt(String index, String scope, Task task, String id,
            Function<Current, Optional<Decision<T>>> decide, String refresh, int attempt) {
        return read(index, task, id).chain(current -> write(index, scope, task, current, decide, refresh, attempt));
    }

    private <T> Uni<Optional<Written<T>>> write(String index, String scope, Task task, Current current,
            Function<Current, Optional<Decision<T>>> decide, String refresh, int attempt) {
        Optional<Decision<T>> decided = decide.apply(current);
        if (decided.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Decision<T> decision = decided.get();
        String id = current.stored().record().id().value();
        return records.replace(index, decision.record(), rules.write(decision.team()),
                        current.stored().version(), refresh)
                .map(version -> {
                    recentlyWritten.add(scope, new Current(new VersionedRecord(decision.record(), version,
                            rules.write(decision.team())), decision.team()));
                    return Optional.of(new Written<>(current.stored(), decision, version));
                })
                .onFailure(StaleVersionException.class).recoverWithUni(stale -> {
                    if (attempt >= ATTEMPTS) {
                        return Uni.createFrom().failure(new Contended(id, stale));
                    }
                    return attempt(index, scope, task, id, decide, refresh, attempt + 1);
                });
    }
}

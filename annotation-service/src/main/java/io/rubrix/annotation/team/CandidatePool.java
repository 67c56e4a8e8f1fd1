package io.rubrix.annotation.team;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The records that still need answers, from anyone, shared by everyone asking a dataset's queue on this replica: one
 * search for {@link #SIZE} of them, in index order, kept for about a refresh interval, and each person's next record
 * taken from it (those they have not answered, with a slot left, as this replica last wrote them). A search per
 * person per record, which went through every record already answered at the front of the index, cost Elasticsearch
 * more than the rest of "submit and get next" (ADR 0012). What others wrote meanwhile on other replicas is found by
 * the claim's conditional write, as for a search's hit.
 */
@ApplicationScoped
public class CandidatePool {

    static final int SIZE = 100;
    /** About Elasticsearch's refresh interval: a newer search would not see more. */
    static final Duration FRESH = Duration.ofSeconds(1);

    /** One search's candidates; {@code full} when it found {@link #SIZE} (more are left). */
    record Pooled(List<TeamWrites.Current> candidates, Instant at, boolean full) {
    }

    private final ConcurrentHashMap<String, Pooled> pools = new ConcurrentHashMap<>();

    /** The candidates of {@code scope} ({@link RecentlyWritten#scope}) when searched lately. */
    Optional<Pooled> fresh(String scope) {
        Pooled pooled = pools.get(scope);
        boolean fresh = pooled != null && Instant.now().isBefore(pooled.at().plus(FRESH));
        return fresh ? Optional.of(pooled) : Optional.empty();
    }

    Pooled keep(String scope, List<TeamWrites.Current> candidates) {
        Pooled pooled = new Pooled(List.copyOf(candidates), Instant.now(), candidates.size() >= SIZE);
        if (pools.size() > 1_000) {
            pools.clear(); // datasets nobody asked lately; the next ask searches again
        }
        pools.put(scope, pooled);
        return pooled;
    }

    /** Leaves {@code id} out until the next search: nobody could take it as last seen. */
    void leaveOut(String scope, String id) {
        pools.computeIfPresent(scope, (any, pooled) -> new Pooled(pooled.candidates().stream()
                .filter(candidate -> !candidate.stored().record().id().value().equals(id)).toList(),
                pooled.at(), pooled.full()));
    }
}

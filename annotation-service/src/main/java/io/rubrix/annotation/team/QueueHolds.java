package io.rubrix.annotation.team;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The record each person's queue last handed them, per life of a dataset ({@link RecentlyWritten#scope}), as this
 * replica handed it: a search sees a claim only after the next refresh, so a reload or a second tab a moment after a
 * claim gets the same record back from here. Kept in memory for a claim's life, not in Elasticsearch: the document it
 * was cost a write per record handed and a read per "next". Another replica learns of a claim from its search, a
 * refresh later (up to a second): a reload it answers within that second is handed a second record, and the first
 * comes back to its holder first once they answered that one (ADR 0012).
 */
@ApplicationScoped
public class QueueHolds {

    /** Beyond this many holds, those whose claim has run out are forgotten. */
    static final int PURGE_ABOVE = 10_000;

    private record Hold(String recordId, Instant until) {
    }

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Duration kept;

    public QueueHolds(@ConfigProperty(name = "rubrix.team.claim-minutes", defaultValue = "10") long claimMinutes) {
        this.kept = Duration.ofMinutes(claimMinutes);
    }

    /** The record last handed to {@code user} in the dataset's {@code scope}, while its claim may live. */
    public Optional<String> held(String scope, String user) {
        Hold hold = holds.get(key(scope, user));
        return hold == null || hold.until().isBefore(Instant.now()) ? Optional.empty() : Optional.of(hold.recordId());
    }

    public void hold(String scope, String user, String recordId) {
        Instant now = Instant.now();
        if (holds.size() > PURGE_ABOVE) {
            holds.values().removeIf(hold -> hold.until().isBefore(now));
        }
        holds.put(key(scope, user), new Hold(recordId, now.plus(kept)));
    }

    /** How many holds are kept (tests). */
    int size() {
        return holds.size();
    }

    private static String key(String scope, String user) {
        return scope + "\u0000" + user;
    }
}

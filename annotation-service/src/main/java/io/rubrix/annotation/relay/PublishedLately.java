package io.rubrix.annotation.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events this relay marked published in the last few seconds: searches of the history see a mark only after
 * the index's next refresh (every second), so the relay leaves these out of its next rounds itself. Kept for
 * {@link #KEPT}, several refresh intervals; should the relay move to another replica meanwhile, the new one may send
 * an event of the last second again (delivery is at least once; events carry their ids).
 */
final class PublishedLately {

    static final Duration KEPT = Duration.ofSeconds(5);

    private final Map<String, Instant> markedAt = new ConcurrentHashMap<>();

    void add(Collection<String> eventIds, Instant at) {
        eventIds.forEach(id -> markedAt.put(id, at));
    }

    /** The events marked within {@link #KEPT} of {@code now}; older ones are forgotten. */
    List<String> ids(Instant now) {
        Instant oldest = now.minus(KEPT);
        markedAt.values().removeIf(at -> at.isBefore(oldest));
        return List.copyOf(markedAt.keySet());
    }
}

package io.rubrix.annotation.team;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The records this replica just filled (their answers and claims take every slot), kept for a few seconds: a search
 * sees a claim only after the next refresh, and without this list the queue's candidates are, for that second, the
 * records everyone just took. Only a hint: every claim is still decided over the record as stored (another replica's
 * claims are found that way).
 */
@ApplicationScoped
public class RecentlyFull {

    static final Duration KEEP = Duration.ofSeconds(3);
    static final int MAX_IDS = 500;

    private final Map<String, Map<String, Instant>> byIndex = new ConcurrentHashMap<>();

    public void add(String index, String id) {
        byIndex.computeIfAbsent(index, any -> new ConcurrentHashMap<>()).put(id, Instant.now().plus(KEEP));
    }

    /** The ids filled in the last few seconds in {@code index}, at most {@value #MAX_IDS}. */
    public List<String> ids(String index) {
        Map<String, Instant> filled = byIndex.get(index);
        if (filled == null) {
            return List.of();
        }
        Instant now = Instant.now();
        filled.values().removeIf(until -> until.isBefore(now));
        return filled.keySet().stream().limit(MAX_IDS).toList();
    }
}

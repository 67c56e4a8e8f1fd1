package io.rubrix.annotation.team;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * How many records are left for a person in a queue, as the queue's answers show it ({@code remaining}), when more
 * are left than one page of candidates (fewer are counted by that page itself). Counting them visits every record
 * that matches (up to a million at 1M records), which cost Elasticsearch more than the rest of "submit and get next"
 * when each candidates' search counted them: a person's count is made at most every {@link #FRESH} on each replica,
 * and in between each record handed to them takes one off it. A guide for the person, nothing decides on it.
 */
@ApplicationScoped
public class RemainingCounts {

    static final Duration FRESH = Duration.ofSeconds(10);
    private static final int MOST_KEPT = 10_000;

    private record Key(String index, String user) {
    }

    private record Counted(long count, Instant at, AtomicLong handedOut) {
    }

    private final ConcurrentHashMap<Key, Counted> counts = new ConcurrentHashMap<>();

    /**
     * The records left for {@code user} in {@code index}, the one handed to them now included (at least that one):
     * {@code count} (the queue's own count) when theirs is older than {@link #FRESH}, else the last count less the
     * records handed to them since.
     */
    Uni<Long> handingOne(String index, String user, Supplier<Uni<Long>> count) {
        Key key = new Key(index, user);
        Counted counted = counts.get(key);
        if (counted != null && Instant.now().isBefore(counted.at().plus(FRESH))) {
            return Uni.createFrom().item(Math.max(1, counted.count() - counted.handedOut().incrementAndGet()));
        }
        return count.get().invoke(now -> {
            if (counts.size() >= MOST_KEPT) {
                counts.clear(); // people who stopped asking long ago; counting again is cheap next to keeping them
            }
            counts.put(key, new Counted(now, Instant.now(), new AtomicLong()));
        }).map(now -> Math.max(1, now));
    }
}

package io.rubrix.annotation.team;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.RecordVersion;

/**
 * The records this replica wrote a team change to in the last few seconds, as written: a search sees a write only
 * after the next refresh, and the queue would otherwise decide on what the record was a second ago (a claim over it
 * then fails on its version and costs a read and a second write) or propose records everyone just took. Only a hint:
 * every claim is still written over the version it was decided on, so another replica's writes are found that way.
 */
@ApplicationScoped
public class RecentlyWritten {

    static final Duration KEEP = Duration.ofSeconds(3);
    static final int MAX_IDS = 500;

    private record Entry(TeamWrites.Current written, Instant until) {
    }

    private final Map<String, Map<String, Entry>> byIndex = new ConcurrentHashMap<>();

    /**
     * Where writes are remembered: the records index of one life of the dataset (its creation time), so that what was
     * written before a dataset was deleted and logged again under its name never stands for the new records.
     */
    public static String scope(String index, Dataset dataset) {
        return index + "@" + dataset.createdAt();
    }

    public void add(String scope, TeamWrites.Current written) {
        byIndex.computeIfAbsent(scope, any -> new ConcurrentHashMap<>())
                .merge(written.stored().record().id().value(), new Entry(written, Instant.now().plus(KEEP)),
                        (old, fresh) -> newer(fresh.written().stored().version(), old.written().stored().version())
                                ? fresh : old);
    }

    /** {@code found} (a search's hit), or what this replica wrote over it since, whichever is newer. */
    public TeamWrites.Current latest(String scope, TeamWrites.Current found) {
        Map<String, Entry> written = byIndex.get(scope);
        Entry entry = written == null ? null : written.get(found.stored().record().id().value());
        return entry != null && newer(entry.written().stored().version(), found.stored().version())
                ? entry.written() : found;
    }

    /** The ids written in the last few seconds whose slots were all taken then, at most {@value #MAX_IDS}. */
    public List<String> full(String scope) {
        Map<String, Entry> written = byIndex.get(scope);
        if (written == null) {
            return List.of();
        }
        Instant now = Instant.now();
        written.values().removeIf(entry -> entry.until().isBefore(now));
        return written.entrySet().stream()
                .filter(entry -> entry.getValue().written().team().complete()
                        || entry.getValue().written().team().fullUntil() != null
                        && entry.getValue().written().team().fullUntil().isAfter(now))
                .map(Map.Entry::getKey).limit(MAX_IDS).toList();
    }

    private static boolean newer(RecordVersion candidate, RecordVersion than) {
        return candidate.primaryTerm() > than.primaryTerm()
                || candidate.primaryTerm() == than.primaryTerm() && candidate.seqNo() > than.seqNo();
    }
}

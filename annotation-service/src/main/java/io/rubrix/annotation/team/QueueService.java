package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.annotation.label.LabelService;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * "Next record for me" (ADR 0012): which record, claimed by {@link QueueClaims}. The record the caller holds (a live
 * claim or a draft they have not answered) comes back first, so a reload or a second tab resumes it; else the first
 * record, in index order, that still needs answers, that the caller has not answered, and that the answers and the
 * others' live claims leave a slot on; it is claimed for the caller, which takes the slot. Searches only propose: what
 * this replica wrote since replaces a search's stale hit ({@link RecentlyWritten}), and a claim is written over the
 * version it was decided on (decided again on the record as stored when someone wrote in between), so that N people at
 * once never hold more slots of a record than it has.
 */
@ApplicationScoped
public class QueueService {

    private static final int CANDIDATES = 20;
    /** Searches for candidates in one call before saying nothing is left: each excludes those found taken. */
    private static final int ROUNDS = 3;

    private final LabelService labels;
    private final RecordsIndex records;
    private final RecordStore recordStore;
    private final TeamRules rules;
    private final TeamMapping mapping;
    private final QueueHolds holds;
    private final RecentlyWritten recentlyWritten;
    private final RemainingCounts remainingCounts;
    private final CandidatePool pool;
    private final QueueClaims claims;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public QueueService(LabelService labels, RecordsIndex records, RecordStore recordStore, TeamRules rules,
            TeamMapping mapping, QueueHolds holds, RecentlyWritten recentlyWritten, RemainingCounts remainingCounts,
            CandidatePool pool, QueueClaims claims, IndexLayout layout, ObjectMapper json) {
        this.labels = labels;
        this.records = records;
        this.recordStore = recordStore;
        this.rules = rules;
        this.mapping = mapping;
        this.holds = holds;
        this.recentlyWritten = recentlyWritten;
        this.remainingCounts = remainingCounts;
        this.pool = pool;
        this.claims = claims;
        this.layout = layout;
        this.json = json;
    }

    /**
     * The caller's next record, claimed for them; empty when nothing is left for them. The dataset's descriptor (404
     * outside the caller's workspaces) is read while the records they hold are searched: the index name holds the
     * caller's workspace.
     */
    public Uni<Optional<TeamView>> next(String workspace, String name, Task task, String user) {
        String index = layout.recordsIndex(workspace, name);
        Uni<Dataset> descriptor = labels.dataset(workspace, name, task);
        Uni<JsonNode> held = mapping.ensure(index).chain(() -> search(index, QueueQueries.held(user)));
        return Uni.combine().all().unis(descriptor, held).asTuple().chain(all -> {
            Dataset dataset = all.getItem1();
            Optional<String> hold = holds.held(RecentlyWritten.scope(index, dataset), user);
            Asking asking = new Asking(dataset, workspace, index, task, user);
            Set<String> holding = new LinkedHashSet<>();
            hold.ifPresent(holding::add);
            all.getItem2().path("hits").path("hits").forEach(hit -> holding.add(hit.path("_id").asText()));
            return claims.resumeFirst(asking, List.copyOf(holding), 0).chain(resumed -> resumed.isPresent()
                    ? left(asking, resumed.get().record().id().value()).map(others -> Optional.of(
                            resumed.get().claimed(resumed.get().claimedUntil(), others + 1)))
                    : candidates(asking, holding, 1));
        });
    }

    /**
     * The caller's next record right after they answered {@code answered} (their hold): the records they still hold
     * are searched while the candidates are, and the descriptor is the one the answer was decided with.
     */
    public Uni<Optional<TeamView>> nextAfter(Dataset dataset, String workspace, Task task, String user,
            String answered) {
        String index = layout.recordsIndex(workspace, dataset.name());
        Asking asking = new Asking(dataset, workspace, index, task, user);
        Set<String> excluded = new LinkedHashSet<>(Set.of(answered));
        return Uni.combine().all().unis(search(index, QueueQueries.held(user)), candidates(asking, excluded, 1))
                .asTuple()
                .chain(both -> {
                    List<String> holding = new ArrayList<>();
                    both.getItem1().path("hits").path("hits").forEach(hit -> holding.add(hit.path("_id").asText()));
                    holding.remove(answered);
                    // a record the caller held besides (a draft elsewhere) comes first; the claim just made lapses
                    return holding.isEmpty() ? Uni.createFrom().item(both.getItem2())
                            : claims.resumeFirst(asking, holding, 0).map(resumed -> resumed.isPresent() ? resumed
                                    : both.getItem2());
                });
    }

    /** How many records besides the one they hold are left for the caller (as the candidates' search counts them). */
    private Uni<Long> left(Asking asking, String held) {
        return count(asking, List.of(held));
    }

    /** The records the candidates' search would find for the caller, {@code skip} left out. */
    private Uni<Long> count(Asking asking, Collection<String> skip) {
        Map<String, Object> search = QueueQueries.candidates(asking.user(), List.copyOf(skip), CANDIDATES);
        return records.count(asking.index(), json.valueToTree(search.get("query")))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(0L);
    }

    /**
     * The caller's next record from the dataset's {@link CandidatePool} (searched again when it is older than a refresh
     * interval): the first, from the caller's own place in it, that they have not answered and that has a slot left as
     * this replica last wrote it, claimed. When none is, or none could be claimed, the caller's own search
     * ({@link #searched}) goes on.
     */
    private Uni<Optional<TeamView>> candidates(Asking asking, Set<String> excluded, int round) {
        String scope = RecentlyWritten.scope(asking.index(), asking.dataset());
        return pooled(asking, scope).chain(pooled -> {
            Instant now = Instant.now();
            List<TeamWrites.Current> open = new ArrayList<>();
            for (TeamWrites.Current candidate : pooled.candidates()) {
                TeamWrites.Current latest = recentlyWritten.latest(scope, candidate);
                if (!excluded.contains(latest.stored().record().id().value())
                        && latest.team().claimOf(asking.user()).isEmpty()
                        && rules.open(asking.dataset(), latest.team(), asking.user(), now)) {
                    open.add(latest);
                }
            }
            if (open.isEmpty()) {
                return searched(asking, excluded, round);
            }
            Collections.rotate(open, -Math.floorMod(asking.user().hashCode(), open.size()));
            return claims.claimFirst(asking, open, 0).chain(claimed -> {
                if (claimed.isEmpty()) {
                    return searched(asking, excluded, round);
                }
                // fewer than a pool left for anyone: counted each time (cheap then, and people near the end see it)
                Uni<Long> left = pooled.full()
                        ? remainingCounts.handingOne(asking.index(), asking.user(), () -> count(asking, excluded))
                        : count(asking, excluded);
                return left.map(remaining -> Optional.of(
                        claimed.get().claimed(claimed.get().claimedUntil(), Math.max(remaining, 1))));
            });
        });
    }

    private Uni<CandidatePool.Pooled> pooled(Asking asking, String scope) {
        Optional<CandidatePool.Pooled> fresh = pool.fresh(scope);
        if (fresh.isPresent()) {
            return Uni.createFrom().item(fresh.get());
        }
        return search(asking.index(), QueueQueries.pooledCandidates(recentlyWritten.full(scope))).map(answer -> {
            List<TeamWrites.Current> found = new ArrayList<>();
            answer.path("hits").path("hits").forEach(hit -> found.add(current(asking, hit)));
            return pool.keep(scope, found);
        });
    }

    /**
     * A round of candidates: a search's hits, each as this replica last wrote it when that is newer, the first open one
     * claimed. Each round leaves out the records found taken by the rounds before; all but the last also leave out the
     * records this replica just filled (a hint for the second before a search sees them), so the last round cannot
     * miss a record on its account.
     */
    private Uni<Optional<TeamView>> searched(Asking asking, Set<String> excluded, int round) {
        boolean hinted = round < ROUNDS;
        List<String> recent = hinted ? recentlyWritten.full(RecentlyWritten.scope(asking.index(), asking.dataset()))
                : List.of();
        List<String> skip = new ArrayList<>(excluded);
        skip.addAll(recent);
        return search(asking.index(), QueueQueries.candidates(asking.user(), skip, CANDIDATES)).chain(answer -> {
            List<TeamWrites.Current> found = new ArrayList<>();
            answer.path("hits").path("hits").forEach(hit -> found.add(recentlyWritten.latest(
                    RecentlyWritten.scope(asking.index(), asking.dataset()), current(asking, hit))));
            if (found.isEmpty()) {
                return hinted && !recent.isEmpty() ? searched(asking, excluded, ROUNDS)
                        : Uni.createFrom().item(Optional.<TeamView>empty());
            }
            int matched = found.size();
            boolean more = matched == CANDIDATES;
            // People asking at once start at different candidates (each always at the same one), so they do not all
            // race for the same slots.
            Collections.rotate(found, -Math.floorMod(asking.user().hashCode(), found.size()));
            return claims.claimFirst(asking, found, 0).chain(claimed -> {
                if (claimed.isPresent()) {
                    // all that is left fit in the search's page: that is the count; else a count made lately
                    Uni<Long> left = more
                            ? remainingCounts.handingOne(asking.index(), asking.user(), () -> count(asking, excluded))
                                    .map(counted -> Math.max(CANDIDATES, counted))
                            : Uni.createFrom().item((long) matched);
                    return left.map(remaining -> Optional.of(
                            claimed.get().claimed(claimed.get().claimedUntil(), remaining)));
                }
                found.forEach(current -> excluded.add(current.stored().record().id().value()));
                return hinted && (more || !recent.isEmpty())
                        ? searched(asking, excluded, round + 1)
                        : Uni.createFrom().item(Optional.<TeamView>empty());
            });
        });
    }

    /** A search's hit as a record with its team. */
    private TeamWrites.Current current(Asking asking, JsonNode hit) {
        return new TeamWrites.Current(recordStore.read(asking.task(), hit),
                rules.read(hit.path("_source").path(RecordDocument.TEAM)));
    }

    private Uni<JsonNode> search(String index, Map<String, Object> body) {
        return records.search(index, body)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(json.createObjectNode());
    }
}

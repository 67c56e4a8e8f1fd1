package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.annotation.label.LabelService;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.team.Claim;
import io.rubrix.model.team.Team;
import io.smallrye.mutiny.Uni;

/**
 * "Next record for me" (ADR 0012). The record the caller holds (a live claim or a draft they have not answered) comes
 * back first, so a reload or a second tab resumes it; else the first record, in index order, that still needs
 * answers, that the caller has not answered, and that the answers and the others' live claims leave a slot on; it is
 * claimed for the caller, which takes the slot. Searches only propose ids: the candidates are read as stored (one
 * multi-get, current at once where the search may be a second behind), and claimed by a write over that version, so
 * that N people at once never hold more slots of a record than it has.
 */
@ApplicationScoped
public class QueueService {

    private static final int CANDIDATES = 20;
    /** Searches for candidates in one call before saying nothing is left: each excludes those found taken. */
    private static final int ROUNDS = 3;

    private final LabelService labels;
    private final RecordsIndex records;
    private final RecordStore recordStore;
    private final TeamWrites writes;
    private final TeamRules rules;
    private final TeamMapping mapping;
    private final QueueHolds holds;
    private final RecentlyFull recentlyFull;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public QueueService(LabelService labels, RecordsIndex records, RecordStore recordStore, TeamWrites writes,
            TeamRules rules, TeamMapping mapping, QueueHolds holds, RecentlyFull recentlyFull, IndexLayout layout,
            ObjectMapper json) {
        this.labels = labels;
        this.records = records;
        this.recordStore = recordStore;
        this.writes = writes;
        this.rules = rules;
        this.mapping = mapping;
        this.holds = holds;
        this.recentlyFull = recentlyFull;
        this.layout = layout;
        this.json = json;
    }

    /** One call's context: who asks, where, and the record their hold names. */
    private record Asking(Dataset dataset, String workspace, String index, Task task, String user,
            Optional<String> hold) {
    }

    /**
     * The caller's next record, claimed for them; empty when nothing is left for them. The dataset's descriptor (404
     * outside the caller's workspaces) is read while the holds are: the index name holds the caller's workspace.
     */
    public Uni<Optional<TeamView>> next(String workspace, String name, Task task, String user) {
        String index = layout.recordsIndex(workspace, name);
        Uni<Dataset> descriptor = labels.dataset(workspace, name, task);
        Uni<List<String>> heldIds = mapping.ensure(index).chain(() -> Uni.combine().all()
                .unis(holds.held(workspace, name, user), search(index, held(user))).asTuple()
                .map(both -> {
                    Set<String> held = new LinkedHashSet<>();
                    both.getItem1().ifPresent(held::add);
                    both.getItem2().path("hits").path("hits").forEach(hit -> held.add(hit.path("_id").asText()));
                    return List.copyOf(held);
                }));
        Uni<Optional<String>> hold = holds.held(workspace, name, user);
        return Uni.combine().all().unis(descriptor, heldIds, hold).asTuple().chain(all -> {
            Asking asking = new Asking(all.getItem1(), workspace, index, task, user, all.getItem3());
            return resumeFirst(asking, all.getItem2(), 0).chain(resumed -> resumed.isPresent()
                    ? Uni.createFrom().item(resumed)
                    : candidates(asking, new LinkedHashSet<>(all.getItem2()), 1));
        });
    }

    /** The first of the records the caller holds that is still theirs (or theirs to claim again). */
    private Uni<Optional<TeamView>> resumeFirst(Asking asking, List<String> held, int at) {
        if (at >= held.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return resume(asking, held.get(at)).chain(found -> found.isPresent()
                ? withHold(asking, found.get(), 1).map(Optional::of)
                : resumeFirst(asking, held, at + 1));
    }

    /**
     * A round of candidates: ids by a search, read as stored at once, the first open one claimed. Each round leaves out
     * the records found taken by the rounds before; all but the last also leave out the records this replica just
     * filled (a hint for the second before a search sees them), so the last round cannot miss a record on its account.
     */
    private Uni<Optional<TeamView>> candidates(Asking asking, Set<String> excluded, int round) {
        boolean hinted = round < ROUNDS;
        List<String> recent = hinted ? recentlyFull.ids(asking.index()) : List.of();
        List<String> skip = new ArrayList<>(excluded);
        skip.addAll(recent);
        return search(asking.index(), candidates(asking.user(), skip)).chain(answer -> {
            long remaining = answer.path("hits").path("total").path("value").asLong();
            List<String> ids = new ArrayList<>();
            answer.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
            if (ids.isEmpty()) {
                return hinted && !recent.isEmpty() ? candidates(asking, excluded, ROUNDS)
                        : Uni.createFrom().item(Optional.<TeamView>empty());
            }
            // People asking at once start at different candidates (each always at the same one), so they do not all
            // race for the same slots.
            Collections.rotate(ids, -Math.floorMod(asking.user().hashCode(), ids.size()));
            return stored(asking, ids).chain(current -> claimFirst(asking, current, 0)).chain(found -> {
                if (found.isPresent()) {
                    return withHold(asking, found.get(), remaining).map(Optional::of);
                }
                excluded.addAll(ids);
                return hinted && (remaining > ids.size() || !recent.isEmpty())
                        ? candidates(asking, excluded, round + 1)
                        : Uni.createFrom().item(Optional.<TeamView>empty());
            });
        });
    }

    /** The records {@code ids} as stored now (a multi-get is real-time), in that order; those gone left out. */
    private Uni<List<TeamWrites.Current>> stored(Asking asking, List<String> ids) {
        ObjectNode body = json.createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        return records.documents(asking.index(), body, "*").map(answer -> {
            List<TeamWrites.Current> found = new ArrayList<>();
            for (JsonNode doc : answer.path("docs")) {
                if (doc.path("found").asBoolean(false)) {
                    found.add(new TeamWrites.Current(recordStore.read(asking.task(), doc),
                            rules.read(doc.path("_source").path(RecordDocument.TEAM))));
                }
            }
            return found;
        });
    }

    private Uni<Optional<TeamView>> claimFirst(Asking asking, List<TeamWrites.Current> candidates, int at) {
        if (at >= candidates.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        TeamWrites.Current candidate = candidates.get(at);
        if (!rules.open(asking.dataset(), candidate.team(), asking.user(), Instant.now())) {
            return claimFirst(asking, candidates, at + 1);
        }
        return claimed(asking, candidate, false).chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                : claimFirst(asking, candidates, at + 1));
    }

    /** The view with how many records are left, once the caller's hold names its record. */
    private Uni<TeamView> withHold(Asking asking, TeamView view, long remaining) {
        String id = view.record().id().value();
        TeamView answered = view.claimed(view.claimedUntil(), Math.max(remaining, 1));
        return asking.hold().filter(id::equals).isPresent() ? Uni.createFrom().item(answered)
                : holds.hold(asking.workspace(), asking.dataset().name(), asking.user(), id).replaceWith(answered);
    }

    /** A record the caller holds: theirs while their claim lives, claimed again when it lapsed. */
    private Uni<Optional<TeamView>> resume(Asking asking, String id) {
        // a hold on a record deleted since (or a dataset logged again) holds nothing
        return writes.read(asking.index(), asking.task(), id).map(Optional::of)
                .onFailure(e -> e instanceof ApiException missing && missing.problem().status() == 404)
                .recoverWithItem(Optional.empty())
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Optional.<TeamView>empty());
                    }
                    TeamWrites.Current current = found.get();
                    Team team = current.team();
                    String user = asking.user();
                    if (team.responseOf(user).filter(response -> response.status().answers()).isPresent()) {
                        return Uni.createFrom().item(Optional.<TeamView>empty());
                    }
                    Optional<Claim> live = team.claimOf(user).filter(claim -> claim.activeAt(Instant.now()));
                    if (live.isPresent()) {
                        return Uni.createFrom().item(Optional.of(TeamView.of(current.stored().version().toString(),
                                current.stored().record(), team, user, false).claimed(live.get().until(), 0)));
                    }
                    return claimed(asking, current, team.responseOf(user).isPresent());
                });
    }

    /**
     * The record claimed for the caller over {@code current} (deciding again over a newer version), if it still has a
     * slot for them or holds their draft; a record that others keep changing is left for the next candidate.
     */
    private Uni<Optional<TeamView>> claimed(Asking asking, TeamWrites.Current current, boolean ownDraft) {
        String user = asking.user();
        return writes.<Instant>changeFrom(asking.index(), asking.task(), current, latest -> {
            Instant now = Instant.now();
            boolean mine = ownDraft && latest.team().responseOf(user).filter(r -> !r.status().answers()).isPresent();
            if (!mine && !rules.open(asking.dataset(), latest.team(), user, now)) {
                return Optional.empty();
            }
            Team claimed = rules.claim(asking.dataset(), latest.stored().record(), latest.team(), user, now);
            return Optional.of(new TeamWrites.Decision<>(latest.stored().record(), claimed,
                    claimed.claimOf(user).orElseThrow().until()));
        }, "false").map(written -> written.map(done -> {
            Team team = done.decision().team();
            if (team.complete() || team.fullUntil() != null) {
                recentlyFull.add(asking.index(), done.decision().record().id().value());
            }
            return TeamView.of(done.version().toString(), done.decision().record(), team, user, false)
                    .claimed(done.decision().result(), 0);
        })).onFailure(TeamWrites.Contended.class).recoverWithItem(Optional.empty());
    }

    private Uni<JsonNode> search(String index, Map<String, Object> body) {
        return records.search(index, body)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(json.createObjectNode());
    }

    /** The records the caller holds and has not answered: a claim (live or lapsed) or a draft. */
    private static Map<String, Object> held(String user) {
        return Map.of("size", 3, "_source", false, "track_total_hits", false,
                "sort", List.of("_doc"),
                "query", Map.of("bool", Map.of(
                        "should", List.of(term("team.claimed_by", user), term("team.responded_by", user)),
                        "minimum_should_match", 1,
                        "must_not", List.of(term("team.answered_by", user)))));
    }

    /** Ids of records that may have a slot for the caller, in index order (ADR 0012: fast at any size). */
    private static Map<String, Object> candidates(String user, List<String> skip) {
        List<Object> mustNot = new ArrayList<>(List.of(
                term("team.responded_by", user),
                term("team.claimed_by", user),
                term("team.complete", true),
                Map.of("range", Map.of("team.full_until", Map.of("gt", "now")))));
        if (!skip.isEmpty()) {
            mustNot.add(Map.of("ids", Map.of("values", skip)));
        }
        return Map.of("size", CANDIDATES, "_source", false, "sort", List.of("_doc"),
                "query", Map.of("bool", Map.of("must_not", mustNot)));
    }

    private static Map<String, Object> term(String field, Object value) {
        return Map.of("term", Map.of(field, value));
    }
}

package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.team.Claim;
import io.rubrix.model.team.Team;
import io.smallrye.mutiny.Uni;

/**
 * "Next record for me" (ADR 0012). The record the caller holds (a live claim or a draft they have not answered) comes
 * back first, so a reload or a second tab resumes it; else the first record, in index order, that
 * still needs answers, that the caller has not answered, and that the answers and the others' live claims leave a
 * slot on; it is claimed for the caller, which takes the slot. Searches only propose: each record is checked again
 * as it is stored, and claimed by a write over that version, so that N people at once never hold more slots of a
 * record than it has.
 */
@ApplicationScoped
public class QueueService {

    private static final int CANDIDATES = 20;

    private final LabelService labels;
    private final RecordsIndex records;
    private final RecordStore recordStore;
    private final TeamWrites writes;
    private final TeamRules rules;
    private final TeamMapping mapping;
    private final QueueHolds holds;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public QueueService(LabelService labels, RecordsIndex records, RecordStore recordStore, TeamWrites writes,
            TeamRules rules, TeamMapping mapping, QueueHolds holds, IndexLayout layout, ObjectMapper json) {
        this.labels = labels;
        this.records = records;
        this.recordStore = recordStore;
        this.writes = writes;
        this.rules = rules;
        this.mapping = mapping;
        this.holds = holds;
        this.layout = layout;
        this.json = json;
    }

    /** What the searches propose: the records the caller holds first, then candidates; and how many are left. */
    private record Proposals(Optional<String> hold, List<String> held, List<JsonNode> candidates, long remaining) {
    }

    /**
     * The caller's next record, claimed for them; empty when nothing is left for them. The dataset's descriptor (404
     * outside the caller's workspaces) is read while the searches run: the index name holds the caller's workspace.
     */
    public Uni<Optional<TeamView>> next(String workspace, String name, Task task, String user) {
        String index = layout.recordsIndex(workspace, name);
        Uni<Dataset> descriptor = labels.dataset(workspace, name, task);
        Uni<Proposals> proposed = mapping.ensure(index).chain(() -> propose(workspace, name, index, user));
        return Uni.combine().all().unis(descriptor, proposed).asTuple().chain(both -> {
            Proposals proposals = both.getItem2();
            List<JsonNode> hits = new ArrayList<>();
            proposals.held().forEach(id -> hits.add(json.createObjectNode().put("_id", id)));
            hits.addAll(proposals.candidates());
            return first(both.getItem1(), workspace, name, index, task, user, proposals, hits, 0).map(found -> found.map(
                    view -> view.claimed(view.claimedUntil(), proposals.remaining()
                            // the candidates' count is every record left but one held (no candidate)
                            + (proposals.held().contains(view.record().id().value()) ? 1 : 0))));
        });
    }

    private Uni<Proposals> propose(String workspace, String name, String index, String user) {
        return Uni.combine().all().unis(holds.held(workspace, name, user), search(index, held(user)),
                search(index, candidates(user))).asTuple().map(all -> {
                    List<String> held = new ArrayList<>();
                    all.getItem1().ifPresent(held::add);
                    all.getItem2().path("hits").path("hits").forEach(hit -> held.add(hit.path("_id").asText()));
                    List<String> resumable = held.stream().distinct().toList();
                    List<JsonNode> candidates = new ArrayList<>();
                    all.getItem3().path("hits").path("hits").forEach(hit -> {
                        if (!resumable.contains(hit.path("_id").asText())) {
                            candidates.add(hit);
                        }
                    });
                    // People asking at once start at different candidates (each always at the same one), so they do
                    // not all race for the first record's slots over a search that may not show the last claims.
                    if (!candidates.isEmpty()) {
                        Collections.rotate(candidates, -Math.floorMod(user.hashCode(), candidates.size()));
                    }
                    return new Proposals(all.getItem1(), resumable, candidates,
                            all.getItem3().path("hits").path("total").path("value").asLong());
                });
    }

    private Uni<JsonNode> search(String index, Map<String, Object> body) {
        return records.search(index, body)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(json.createObjectNode());
    }

    private Uni<Optional<TeamView>> first(Dataset dataset, String workspace, String name, String index, Task task,
            String user, Proposals proposals, List<JsonNode> hits, int at) {
        if (at >= hits.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String id = hits.get(at).path("_id").asText();
        // The hold is written beside the claim, not after it: should the claim fail, the next call finds the hold
        // stale (checked as stored) and goes on.
        Uni<Void> holding = proposals.hold().filter(id::equals).isPresent() ? Uni.createFrom().voidItem()
                : holds.hold(workspace, name, user, id);
        Uni<Optional<TeamView>> attempt = at < proposals.held().size()
                ? resume(dataset, index, task, user, id)
                : claim(dataset, index, task, user, hits.get(at));
        return Uni.combine().all().unis(attempt, holding).asTuple().map(both -> both.getItem1())
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                        : first(dataset, workspace, name, index, task, user, proposals, hits, at + 1));
    }

    /** A record the caller holds: theirs while their claim lives, claimed again when it lapsed. */
    private Uni<Optional<TeamView>> resume(Dataset dataset, String index, Task task, String user, String id) {
        // a hold on a record deleted since (or a dataset logged again) holds nothing
        Uni<Optional<TeamWrites.Current>> stored = writes.read(index, task, id).map(Optional::of)
                .onFailure(e -> e instanceof ApiException missing && missing.problem().status() == 404)
                .recoverWithItem(Optional.empty());
        return stored.chain(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<TeamView>empty())
                : resume(dataset, index, task, user, found.get()));
    }

    private Uni<Optional<TeamView>> resume(Dataset dataset, String index, Task task, String user,
            TeamWrites.Current current) {
        Team team = current.team();
        Instant now = Instant.now();
        boolean answered = team.responseOf(user).filter(response -> response.status().answers()).isPresent();
        Optional<Claim> live = team.claimOf(user).filter(claim -> claim.activeAt(now));
        if (answered) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (live.isPresent()) {
            return Uni.createFrom().item(Optional.of(TeamView.of(current.stored().version().toString(),
                    current.stored().record(), team, user, false).claimed(live.get().until(), 0)));
        }
        boolean draft = team.responseOf(user).isPresent();
        return claimed(dataset, index, task, user, current, draft);
    }

    private Uni<Optional<TeamView>> claim(Dataset dataset, String index, Task task, String user, JsonNode hit) {
        TeamWrites.Current current = new TeamWrites.Current(recordStore.read(task, hit),
                rules.read(hit.path("_source").path(RecordDocument.TEAM)));
        return claimed(dataset, index, task, user, current, false);
    }

    private Uni<Optional<TeamView>> claimed(Dataset dataset, String index, Task task, String user,
            TeamWrites.Current current, boolean ownDraft) {
        return writes.<Instant>changeFrom(index, task, current, latest -> {
            Instant now = Instant.now();
            boolean mine = ownDraft && latest.team().responseOf(user).filter(r -> !r.status().answers()).isPresent();
            if (!mine && !rules.open(dataset, latest.team(), user, now)) {
                return Optional.empty();
            }
            Team claimed = rules.claim(dataset, latest.stored().record(), latest.team(), user, now);
            Instant until = claimed.claimOf(user).orElseThrow().until();
            return Optional.of(new TeamWrites.Decision<>(latest.stored().record(), claimed, until));
        }, "false").map(written -> written.map(done -> TeamView.of(done.version().toString(),
                done.decision().record(), done.decision().team(), user, false).claimed(done.decision().result(), 0)))
                // a record many people are claiming at this moment: on to the next candidate
                .onFailure(TeamWrites.Contended.class).recoverWithItem(Optional.empty());
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

    /** Records that may have a slot for the caller, in index order (ADR 0012: fast at any size). */
    private static Map<String, Object> candidates(String user) {
        return Map.of("size", CANDIDATES, "seq_no_primary_term", true,
                "sort", List.of("_doc"),
                "query", Map.of("bool", Map.of("must_not", List.of(
                        term("team.responded_by", user),
                        term("team.claimed_by", user),
                        term("team.complete", true),
                        Map.of("range", Map.of("team.full_until", Map.of("gt", "now")))))));
    }

    private static Map<String, Object> term(String field, Object value) {
        return Map.of("term", Map.of(field, value));
    }
}

package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.annotation.label.LabelService;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.Task;
import io.rubrix.model.team.Claim;
import io.rubrix.model.team.Team;
import io.smallrye.mutiny.Uni;

/**
 * "Next record for me" (ADR 0012). The record the caller holds (a live claim or a draft they have not answered) comes
 * back first, so a reload or a second tab resumes it; else the first record, in the order records arrived, that
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

    /** The caller's next record, claimed for them; empty when nothing is left for them. */
    public Uni<Optional<TeamView>> next(String workspace, String name, Task task, String user) {
        String index = layout.recordsIndex(workspace, name);
        return labels.dataset(workspace, name, task).chain(dataset -> mapping.ensure(index)
                .chain(() -> Uni.combine().all().unis(holds.held(workspace, name, user),
                        records.search(index, held(user)), records.search(index, candidates(user))).asTuple())
                .chain(all -> {
                    long remaining = all.getItem3().path("hits").path("total").path("value").asLong();
                    List<String> heldIds = new ArrayList<>();
                    all.getItem1().ifPresent(heldIds::add);
                    all.getItem2().path("hits").path("hits").forEach(hit -> heldIds.add(hit.path("_id").asText()));
                    List<String> resumable = heldIds.stream().distinct().toList();
                    List<JsonNode> hits = new ArrayList<>();
                    resumable.forEach(id -> hits.add(json.createObjectNode().put("_id", id)));
                    int held = hits.size();
                    List<JsonNode> candidates = new ArrayList<>();
                    all.getItem3().path("hits").path("hits").forEach(hit -> {
                        if (!resumable.contains(hit.path("_id").asText())) {
                            candidates.add(hit);
                        }
                    });
                    // People asking at once start at different candidates (each always at the same one), so they do
                    // not all race for the first record's slots over a search that may not show the last claims.
                    if (!candidates.isEmpty()) {
                        java.util.Collections.rotate(candidates, -Math.floorMod(user.hashCode(), candidates.size()));
                    }
                    hits.addAll(candidates);
                    Optional<String> previous = all.getItem1();
                    return first(dataset, index, task, user, hits, 0, held).chain(found -> {
                        if (found.isEmpty()) {
                            return Uni.createFrom().item(found);
                        }
                        String id = found.get().record().id().value();
                        // the candidates' count holds every record left but the one held (not a candidate)
                        long left = remaining + (resumable.contains(id) ? 1 : 0);
                        TeamView view = found.get().claimed(found.get().claimedUntil(), left);
                        Uni<Void> holding = previous.filter(id::equals).isPresent() ? Uni.createFrom().voidItem()
                                : holds.hold(workspace, name, user, id);
                        return holding.replaceWith(Optional.of(view));
                    });
                }));
    }

    private Uni<Optional<TeamView>> first(Dataset dataset, String index, Task task, String user, List<JsonNode> hits,
            int at, int held) {
        if (at >= hits.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String id = hits.get(at).path("_id").asText();
        Uni<Optional<TeamView>> attempt = at < held
                ? resume(dataset, index, task, user, id)
                : claim(dataset, index, task, user, hits.get(at));
        return attempt.chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                : first(dataset, index, task, user, hits, at + 1, held));
    }

    /** A record the caller holds: theirs while their claim lives, claimed again when it lapsed. */
    private Uni<Optional<TeamView>> resume(Dataset dataset, String index, Task task, String user, String id) {
        return writes.read(index, task, id).chain(current -> {
            Team team = current.team();
            Instant now = Instant.now();
            boolean answered = team.responseOf(user).filter(response -> response.status().answers()).isPresent();
            Optional<Claim> live = team.claimOf(user).filter(claim -> claim.activeAt(now));
            if (answered) {
                return Uni.createFrom().item(Optional.<TeamView>empty());
            }
            if (live.isPresent()) {
                return Uni.createFrom().item(Optional.of(view(current.stored().version().toString(), current, user,
                        live.get().until())));
            }
            boolean draft = team.responseOf(user).isPresent();
            return claimed(dataset, index, task, user, current, draft);
        });
    }

    private Uni<Optional<TeamView>> claim(Dataset dataset, String index, Task task, String user, JsonNode hit) {
        TeamWrites.Current current = new TeamWrites.Current(recordStore.read(task, hit),
                rules.read(hit.path("_source").path(io.rubrix.common.index.RecordDocument.TEAM)));
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
                done.decision().record(), done.decision().team(), user, false).claimed(done.decision().result(), 0)));
    }

    private static TeamView view(String version, TeamWrites.Current current, String user, Instant until) {
        return TeamView.of(version, current.stored().record(), current.team(), user, false).claimed(until, 0);
    }

    /** The records the caller holds and has not answered: a claim (live or lapsed) or a draft. */
    private static Map<String, Object> held(String user) {
        return Map.of("size", 3, "seq_no_primary_term", true, "track_total_hits", false,
                "sort", List.of("_doc"),
                "query", Map.of("bool", Map.of(
                        "should", List.of(term("team.claimed_by", user), term("team.responded_by", user)),
                        "minimum_should_match", 1,
                        "must_not", List.of(term("team.answered_by", user)))));
    }

    /** Records that may have a slot for the caller, in the order they arrived. */
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

package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.label.LabelService;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.Problem;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.team.Response;
import io.rubrix.model.team.Team;
import io.smallrye.mutiny.Uni;

/**
 * People's responses to records and reviewers' decisions (ADR 0012). A person writes only their own response, over
 * the version of it they saw (their 409 is about their own response, whoever else answered in between); a reviewer
 * decides over the version of the record they saw.
 */
@ApplicationScoped
public class TeamService {

    private final LabelService labels;
    private final TeamWrites writes;
    private final TeamRules rules;
    private final HistoryStore history;
    private final HistoryEvents events;
    private final QueueService queue;
    private final IndexLayout layout;

    public TeamService(LabelService labels, TeamWrites writes, TeamRules rules, HistoryStore history,
            HistoryEvents events, QueueService queue, IndexLayout layout) {
        this.labels = labels;
        this.writes = writes;
        this.rules = rules;
        this.history = history;
        this.events = events;
        this.queue = queue;
        this.layout = layout;
    }

    /** Who is asking, and whether they may read everyone's responses (reviewers and admins). */
    public record Reader(String user, boolean seesAll) {
    }

    /**
     * {@code user}'s response becomes {@code request}, if their response is still at {@code seen} (0: they have none
     * yet); 409 with their response as it is now otherwise.
     */
    public Uni<TeamView> respond(String workspace, String name, Task task, String id, String user,
            ResponseRequest request, Long seen, String refresh) {
        return respond(workspace, name, task, id, user, request, seen, refresh, false).map(Answered::response);
    }

    /** A response written, and (when asked) the caller's next record: null when nothing is left for them. */
    @JsonPropertyOrder({"response", "next"})
    @RegisterForReflection
    public record Answered(@JsonProperty("response") TeamView response,
            @JsonProperty("next") @JsonInclude(JsonInclude.Include.ALWAYS) TeamView next) {
    }

    /**
     * As {@link #respond}, and with {@code andNext} the caller's next record from their queue, taken while the
     * response's history entry is written: one round trip for "submit and get next".
     */
    public Uni<Answered> respond(String workspace, String name, Task task, String id, String user,
            ResponseRequest request, Long seen, String refresh, boolean andNext) {
        request.requireValid();
        return decide(workspace, name, task, id, (dataset, current) -> {
            Team team = current.team();
            long mine = team.responseOf(user).map(Response::version).orElse(0L);
            if (seen == null && mine > 0) {
                throw new ApiException(Problem.of(428, "Precondition Required", "version: you have a response to record '"
                        + id + "' (version " + mine + "); send its version as If-Match so that another tab's is not "
                        + "overwritten unseen"));
            }
            if (seen != null && seen != mine) {
                throw new ApiException(Problem.of(409, "Conflict", "Your response to record '" + id
                        + "' changed elsewhere (now at version " + mine + "); the answer holds it as it is now")
                        .with("version", mine)
                        .with("response", team.responseOf(user).orElse(null)));
            }
            TeamRules.Outcome outcome = rules.respond(dataset, current.stored().record(), team, user, request.status(),
                    request.annotation(), Instant.now());
            return Optional.of(new TeamWrites.Decision<>(outcome.record(), outcome.team(), outcome));
        }, refresh).chain(decided -> {
            TeamWrites.Written<TeamRules.Outcome> done = decided.written();
            TeamRules.Outcome outcome = done.decision().result();
            Instant now = outcome.after().at();
            List<HistoryEntry> entries = new ArrayList<>();
            entries.add(events.responded(workspace, name, outcome.record(), done.version(), user, outcome.before(),
                    outcome.after(), now));
            if (outcome.annotationChanged()) {
                entries.add(events.annotated(workspace, name, done.before().record(), outcome.record(), done.version(),
                        user, null, now));
            }
            TeamView response = TeamView.of(done.version().toString(), outcome.record(), outcome.team(), user, false);
            Uni<Optional<TeamView>> next = andNext
                    ? queue.nextAfter(decided.dataset(), workspace, task, user, id)
                    : Uni.createFrom().item(Optional.empty());
            return Uni.combine().all().unis(history.appendAfterWrite(entries, "The response was saved"), next).asTuple()
                    .map(both -> new Answered(response, both.getItem2().orElse(null)));
        });
    }

    /**
     * Decides a change on the record as stored and writes it (deciding again over a newer version when someone wrote
     * in between). The dataset's descriptor (404 outside the caller's workspaces, its settings) is read while the
     * record is: the index name holds the caller's workspace, so the read cannot reach another's records.
     */
    private Uni<Decided> decide(String workspace, String name, Task task, String id,
            BiFunction<Dataset, TeamWrites.Current, Optional<TeamWrites.Decision<TeamRules.Outcome>>> decide,
            String refresh) {
        String index = layout.recordsIndex(workspace, name);
        return Uni.combine().all().unis(labels.dataset(workspace, name, task), writes.read(index, task, id)).asTuple()
                .chain(both -> writes.changeFrom(both.getItem1(), task, both.getItem2(),
                                current -> decide.apply(both.getItem1(), current), refresh)
                        .map(written -> new Decided(both.getItem1(), written.orElseThrow())));
    }

    /** A change written, with the descriptor it was decided with. */
    private record Decided(Dataset dataset, TeamWrites.Written<TeamRules.Outcome> written) {
    }

    /**
     * The record with the responses {@code reader} may read: their own, or everyone's for reviewers and admins, and
     * for an annotator who has answered the record when the dataset shows responses after submitting.
     */
    public Uni<TeamView> view(String workspace, String name, Task task, String id, Reader reader) {
        return labels.dataset(workspace, name, task)
                .chain(dataset -> writes.read(layout.recordsIndex(workspace, name), task, id)
                        .map(current -> TeamView.of(current.stored().version().toString(), current.stored().record(),
                                current.team(), reader.user(), seesAll(dataset, current.team(), reader))));
    }

    static boolean seesAll(Dataset dataset, Team team, Reader reader) {
        return reader.seesAll() || (dataset.teamSettings().responsesVisibleAfterSubmit()
                && team.responseOf(reader.user()).filter(response -> response.status().answers()).isPresent());
    }

    /** {@code reviewer} decides the record's annotation over the version {@code seen}; 409 when it moved. */
    public Uni<TeamView> review(String workspace, String name, Task task, String id, String reviewer,
            ReviewRequest request, RecordVersion seen, String refresh) {
        request.requireValid();
        return decide(workspace, name, task, id, (dataset, current) -> {
            if (!current.stored().version().equals(seen)) {
                throw new ApiException(Problem.of(409, "Conflict", "Record '" + id + "' changed since you saw it (now "
                        + "at version " + current.stored().version() + "); the answer holds it with its responses")
                        .with("version", current.stored().version().toString())
                        .with("record", current.stored().record())
                        .with("responses", current.team().responses()));
            }
            TeamRules.Outcome outcome = rules.review(dataset, current.stored().record(), current.team(), reviewer,
                    request.pick(), request.annotation(), request.status(), Instant.now());
            return Optional.of(new TeamWrites.Decision<>(outcome.record(), outcome.team(), outcome));
        }, refresh).chain(decided -> {
            TeamWrites.Written<TeamRules.Outcome> done = decided.written();
            TeamRules.Outcome outcome = done.decision().result();
            HistoryEntry entry = events.reviewed(workspace, name, done.before().record(), outcome.record(),
                    done.version(), reviewer, outcome.team().responses(), outcome.team().review().at());
            return history.appendAfterWrite(List.of(entry), "The review was saved")
                    .replaceWith(TeamView.of(done.version().toString(), outcome.record(), outcome.team(), reviewer,
                            true));
        });
    }
}

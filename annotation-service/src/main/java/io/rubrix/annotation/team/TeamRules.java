package io.rubrix.annotation.team;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.annotation.label.Annotator;
import io.rubrix.annotation.label.LabelChange;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.team.Claim;
import io.rubrix.model.team.Response;
import io.rubrix.model.team.ResponseStatus;
import io.rubrix.model.team.Review;
import io.rubrix.model.team.Team;
import io.rubrix.model.team.TeamSettings;

/**
 * The rules of a team's work on one record (ADR 0012), as functions of what is stored: a person's response, the
 * queue's claim, a reviewer's decision, and the annotation the dataset's settings make of the answers.
 */
@ApplicationScoped
public class TeamRules {

    private final Annotator annotator;
    private final AnswerValues values;
    private final ObjectMapper json;
    private final Duration claimFor;

    public TeamRules(Annotator annotator, AnswerValues values, ObjectMapper json,
            @ConfigProperty(name = "rubrix.team.claim-minutes", defaultValue = "10") long claimMinutes) {
        this.annotator = annotator;
        this.values = values;
        this.json = json;
        this.claimFor = Duration.ofMinutes(claimMinutes);
    }

    /** The team's work as stored in a record's document ({@code team}; missing: none yet). */
    public Team read(JsonNode stored) {
        if (stored == null || stored.isMissingNode() || stored.isNull()) {
            return Team.NONE;
        }
        try {
            return json.treeToValue(stored, Team.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable team state " + stored, e);
        }
    }

    public JsonNode write(Team team) {
        return json.valueToTree(team);
    }

    /** A record and its team after a change, with what the change did. */
    public record Outcome(TaskRecord record, Team team, Response before, Response after, boolean annotationChanged) {
    }

    /**
     * {@code user}'s response becomes {@code status} with {@code annotation} (null: their previous one, if any): a
     * 400 naming the field when it breaks the task's rules or the schema, or when a submitted response has no labels.
     */
    public Outcome respond(Dataset dataset, TaskRecord record, Team team, String user, ResponseStatus status,
            JsonNode annotation, Instant now) {
        Optional<Response> before = team.responseOf(user);
        JsonNode given = annotation != null && !annotation.isNull() ? annotation
                : before.map(Response::annotation).filter(node -> node != null && !node.isNull()).orElse(null);
        JsonNode checked = null;
        if (given != null) {
            TaskRecord labelled = annotator.apply(record, new LabelChange(given, RecordStatus.Validated), user,
                    dataset.labelSchema(), "");
            checked = json.valueToTree(labelled.annotation());
        } else if (status == ResponseStatus.submitted) {
            throw ApiException.badRequest("annotation", "a submitted response needs its labels: give an annotation");
        }
        Response after = new Response(user, status, checked, now, before.map(Response::version).orElse(0L) + 1);
        List<Response> responses = new ArrayList<>(team.responses());
        before.ifPresentOrElse(old -> responses.set(responses.indexOf(old), after), () -> responses.add(after));
        List<Claim> claims = new ArrayList<>(team.claims());
        claims.removeIf(claim -> claim.user().equals(user));
        if (status == ResponseStatus.draft) {
            claims.add(new Claim(user, now.plus(claimFor))); // a draft keeps the record the person's for a while
        }
        return settle(dataset, record, team, responses, claims, team.review(), now, before.orElse(null), after);
    }

    /** {@code user} is handed the record by their queue until {@code now} plus the claim's duration. */
    public Team claim(Dataset dataset, TaskRecord record, Team team, String user, Instant now) {
        List<Claim> claims = new ArrayList<>(team.claims());
        claims.removeIf(claim -> claim.user().equals(user));
        claims.add(new Claim(user, now.plus(claimFor)));
        return derive(dataset, record, team.responses(), claims, team.review(), team.finalFrom(), now);
    }

    /**
     * Whether the queue may hand the record to {@code user} at {@code now}: they have not responded, it still needs
     * answers, and the answers with the others' live claims leave a slot.
     */
    public boolean open(Dataset dataset, Team team, String user, Instant now) {
        if (team.responseOf(user).isPresent() || team.complete()) {
            return false;
        }
        long taken = team.answers() + team.claims().stream()
                .filter(claim -> claim.activeAt(now) && !claim.user().equals(user)).count();
        return taken < dataset.teamSettings().minSubmitted();
    }

    /**
     * A reviewer's decision: the response of {@code pick}, or {@code annotation} with {@code status} (Validated or
     * Discarded), becomes the record's annotation, credited to the reviewer.
     */
    public Outcome review(Dataset dataset, TaskRecord record, Team team, String reviewer, String pick,
            JsonNode annotation, RecordStatus status, Instant now) {
        TaskRecord decided;
        if (pick != null) {
            Response picked = team.responseOf(pick).filter(response -> response.status().answers())
                    .orElseThrow(() -> ApiException.badRequest("pick", "'" + pick
                            + "' has no submitted or discarded response to this record"));
            decided = picked.status() == ResponseStatus.discarded ? discarded(record)
                    : annotator.apply(record, new LabelChange(picked.annotation(), RecordStatus.Validated), reviewer,
                            dataset.labelSchema(), "");
        } else if (status == RecordStatus.Discarded && (annotation == null || annotation.isNull())) {
            decided = discarded(record);
        } else {
            if (annotation == null || annotation.isNull()) {
                throw ApiException.badRequest("annotation", "give the decided annotation, or pick a response");
            }
            if (status != null && status != RecordStatus.Validated && status != RecordStatus.Discarded) {
                throw ApiException.badRequest("status", "a review decides Validated or Discarded, not " + status);
            }
            decided = annotator.apply(record, new LabelChange(annotation,
                    status == null ? RecordStatus.Validated : status), reviewer, dataset.labelSchema(), "");
        }
        Team reviewed = derive(dataset, decided, team.responses(), team.claims(), new Review(reviewer, now, pick),
                Team.FROM_REVIEW, now);
        return new Outcome(decided.stampedAt(now), reviewed, null, null, true);
    }

    /**
     * The team after its responses or claims changed, and the record's annotation by the dataset's rule, unless a
     * reviewer decided it: with one answer required, the first answer; with more, under {@code majority}, the answers
     * when they are all in and all the same; else none (an annotation that did not come from the team stays). Only a
     * change of what the rule decides touches the record.
     */
    private Outcome settle(Dataset dataset, TaskRecord record, Team team, List<Response> responses, List<Claim> claims,
            Review review, Instant now, Response before, Response after) {
        Team derived = derive(dataset, record, responses, claims, review, team.finalFrom(), now);
        if (review != null) {
            return new Outcome(record, derived, before, after, false);
        }
        Optional<Response> decided = decidingAnswer(dataset.teamSettings(), derived);
        if (decided.equals(decidingAnswer(dataset.teamSettings(), team))) {
            // the rule decides as before: an annotation someone set directly since stays
            return new Outcome(record, derived, before, after, false);
        }
        TaskRecord settled = record;
        String finalFrom = derived.finalFrom();
        if (decided.isPresent()) {
            Response answer = decided.get();
            settled = answer.status() == ResponseStatus.discarded ? discarded(record)
                    : annotator.apply(record, new LabelChange(answer.annotation(), RecordStatus.Validated), answer.user(),
                            dataset.labelSchema(), "");
            finalFrom = Team.FROM_RESPONSES;
        } else if (Team.FROM_RESPONSES.equals(finalFrom)) {
            settled = annotator.apply(record, new LabelChange(null, RecordStatus.Default), after.user(), List.of(), "");
            finalFrom = null;
        }
        boolean changed = !same(record, settled);
        return new Outcome(changed ? settled.stampedAt(now) : settled, derived.withFinalFrom(finalFrom), before, after,
                changed);
    }

    private static Optional<Response> decidingAnswer(TeamSettings settings, Team team) {
        List<Response> answers = team.answersInOrder();
        if (settings.minSubmitted() == 1) {
            return team.responses().stream().filter(response -> response.status().answers()).findFirst();
        }
        if (settings.resolution() == TeamSettings.Resolution.majority && team.complete()
                && Boolean.TRUE.equals(team.agreed())) {
            return Optional.of(answers.get(answers.size() - 1));
        }
        return Optional.empty();
    }

    private TaskRecord discarded(TaskRecord record) {
        TaskRecord cleared = annotator.apply(record, new LabelChange(null, RecordStatus.Default), null, List.of(), "");
        return annotator.apply(cleared, new LabelChange(null, RecordStatus.Discarded), null, List.of(), "");
    }

    private Team derive(Dataset dataset, TaskRecord record, List<Response> responses, List<Claim> claims,
            Review review, String finalFrom, Instant now) {
        return Team.derive(responses, claims, review, finalFrom, dataset.teamSettings(), now,
                values.canonical(record, responses), values.coincidences(record, responses),
                values.pairs(record, responses));
    }

    private boolean same(TaskRecord before, TaskRecord after) {
        return before.status() == after.status()
                && java.util.Objects.equals(json.valueToTree(before.annotation()), json.valueToTree(after.annotation()));
    }
}

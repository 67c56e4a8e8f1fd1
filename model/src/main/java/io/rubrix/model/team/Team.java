package io.rubrix.model.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/**
 * What a team did with one record, kept in the record's document as {@code team} (ADR 0012): every person's
 * response, the queue's claims, a reviewer's decision, and fields derived from them at each write so that the
 * queues and the agreement figures are plain queries and aggregations of the records index.
 *
 * @param responses    one per person who responded, in the order they first did
 * @param claims       the queue's claims that have not ended (an answer ends its author's claim)
 * @param review       the reviewer's decision, null before one
 * @param finalFrom    where the record's annotation came from: {@code responses} (the rule of the dataset's settings),
 *                     {@code review}, or null (it did not come from the team: untouched by responses)
 * @param respondedBy  everyone with a response (drafts too)
 * @param answeredBy   everyone whose response is submitted or discarded: the queue never hands them the record again
 * @param submittedBy  everyone whose response is submitted
 * @param claimedBy    everyone with a claim (expired or not: {@link #claims} says until when)
 * @param submitted    how many responses are submitted (the values agreement is measured on)
 * @param answers      how many responses are submitted or discarded
 * @param complete     whether the record has the answers it needs (the dataset's {@code min_submitted})
 * @param agreed       whether the answers are all the same, null under two answers
 * @param needsReview  complete and waiting for a reviewer: the answers disagree, or the dataset's resolution is
 *                     {@code review}
 * @param fullUntil    until when answers and live claims fill every required slot (the queue skips the record until
 *                     then), null when a slot is free
 * @param coincidences the record's contribution to Krippendorff's alpha, as keywords to count ({@code AgreementKeys})
 * @param pairs        the record's cells of every pair of annotators' confusion matrix, as keywords to count
 */
@JsonPropertyOrder({"responses", "claims", "review", "final_from", "responded_by", "answered_by", "submitted_by",
        "claimed_by", "submitted", "answers", "complete", "agreed", "needs_review", "full_until", "coincidences", "pairs"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Team(
        @JsonProperty("responses") List<Response> responses,
        @JsonProperty("claims") List<Claim> claims,
        @JsonProperty("review") Review review,
        @JsonProperty("final_from") String finalFrom,
        @JsonProperty("responded_by") List<String> respondedBy,
        @JsonProperty("answered_by") List<String> answeredBy,
        @JsonProperty("submitted_by") List<String> submittedBy,
        @JsonProperty("claimed_by") List<String> claimedBy,
        @JsonProperty("submitted") int submitted,
        @JsonProperty("answers") int answers,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("agreed") Boolean agreed,
        @JsonProperty("needs_review") boolean needsReview,
        @JsonProperty("full_until") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant fullUntil,
        @JsonProperty("coincidences") List<String> coincidences,
        @JsonProperty("pairs") List<String> pairs) {

    public static final String FROM_RESPONSES = "responses";
    public static final String FROM_REVIEW = "review";

    public static final Team NONE = new Team(List.of(), List.of(), null, null, List.of(), List.of(), List.of(), List.of(),
            0, 0, false, null, false, null, List.of(), List.of());

    public Team {
        responses = responses == null ? List.of() : List.copyOf(responses);
        claims = claims == null ? List.of() : List.copyOf(claims);
        respondedBy = orEmpty(respondedBy);
        answeredBy = orEmpty(answeredBy);
        submittedBy = orEmpty(submittedBy);
        claimedBy = orEmpty(claimedBy);
        coincidences = orEmpty(coincidences);
        pairs = orEmpty(pairs);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** This team with its annotation's source {@code finalFrom}: nothing derived depends on it. */
    public Team withFinalFrom(String finalFrom) {
        return new Team(responses, claims, review, finalFrom, respondedBy, answeredBy, submittedBy, claimedBy, submitted,
                answers, complete, agreed, needsReview, fullUntil, coincidences, pairs);
    }

    public Optional<Response> responseOf(String user) {
        return responses.stream().filter(response -> response.user().equals(user)).findFirst();
    }

    public Optional<Claim> claimOf(String user) {
        return claims.stream().filter(claim -> claim.user().equals(user)).findFirst();
    }

    /** The answers (submitted or discarded responses), oldest first. */
    @JsonIgnore
    public List<Response> answersInOrder() {
        return responses.stream().filter(response -> response.status().answers())
                .sorted(Comparator.comparing(Response::at)).toList();
    }

    /**
     * This team's responses, claims, review and annotation source, with every derived field computed again.
     *
     * @param canonical    each answering person's answer as one comparable text (equal texts: the same answer)
     * @param coincidences the record's alpha keywords ({@code AgreementKeys}), computed from the submitted responses
     * @param pairs        the record's kappa keywords ({@code AgreementKeys})
     */
    public static Team derive(List<Response> responses, List<Claim> claims, Review review, String finalFrom,
            TeamSettings settings, Instant now, Map<String, String> canonical, List<String> coincidences,
            List<String> pairs) {
        List<String> respondedBy = new ArrayList<>();
        List<String> answeredBy = new ArrayList<>();
        List<String> submittedBy = new ArrayList<>();
        for (Response response : responses) {
            respondedBy.add(response.user());
            if (response.status().answers()) {
                answeredBy.add(response.user());
            }
            if (response.status() == ResponseStatus.submitted) {
                submittedBy.add(response.user());
            }
        }
        List<Claim> live = claims.stream()
                .filter(claim -> claim.activeAt(now) && !answeredBy.contains(claim.user())).toList();
        int answers = answeredBy.size();
        boolean complete = answers >= settings.minSubmitted();
        Boolean agreed = answers < 2 ? null
                : answeredBy.stream().map(canonical::get).distinct().count() == 1;
        boolean needsReview = complete && review == null
                && (Boolean.FALSE.equals(agreed)
                        || (settings.minSubmitted() > 1 && settings.resolution() == TeamSettings.Resolution.review));
        Instant fullUntil = null;
        if (!complete && answers + live.size() >= settings.minSubmitted()) {
            // The slot that frees first is the claim that ends first (of those needed to fill the slots).
            fullUntil = live.stream().map(Claim::until).sorted(Comparator.reverseOrder())
                    .skip(settings.minSubmitted() - answers - 1L).findFirst().orElse(null);
        }
        return new Team(responses, live, review, finalFrom, respondedBy, answeredBy, submittedBy,
                live.stream().map(Claim::user).toList(), submittedBy.size(), answers, complete, agreed, needsReview, fullUntil,
                coincidences, pairs);
    }
}

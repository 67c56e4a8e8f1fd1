package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.team.Response;
import io.rubrix.model.team.Review;
import io.rubrix.model.team.Team;

/**
 * A record as one person may see the team's work on it: the record with its version, the responses they may read
 * (their own; everyone's for reviewers and admins), and where the record stands. The queue adds until when the
 * record is the caller's ({@code claimed_until}) and how many records are left for them ({@code remaining}).
 */
@JsonPropertyOrder({"version", "record", "responses", "review", "answers", "complete", "agreed", "needs_review",
        "claimed_until", "remaining"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record TeamView(
        @JsonProperty("version") String version,
        @JsonProperty("record") TaskRecord record,
        @JsonProperty("responses") List<Response> responses,
        @JsonProperty("review") Review review,
        @JsonProperty("answers") int answers,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("agreed") Boolean agreed,
        @JsonProperty("needs_review") boolean needsReview,
        @JsonProperty("claimed_until") @JsonSerialize(using = Timestamps.Writer.class) Instant claimedUntil,
        @JsonProperty("remaining") Long remaining) {

    /** {@code team} as {@code reader} may see it: every response when {@code seesAll}, else their own only. */
    public static TeamView of(String version, TaskRecord record, Team team, String reader, boolean seesAll) {
        List<Response> visible = seesAll ? team.responses()
                : team.responses().stream().filter(response -> response.user().equals(reader)).toList();
        return new TeamView(version, record, visible, seesAll ? team.review() : null, team.answers(), team.complete(),
                seesAll ? team.agreed() : null, team.needsReview(), null, null);
    }

    public TeamView claimed(Instant until, long left) {
        return new TeamView(version, record, responses, review, answers, complete, agreed, needsReview, until, left);
    }
}

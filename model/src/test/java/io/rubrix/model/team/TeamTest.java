package io.rubrix.model.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TeamTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final TeamSettings THREE = new TeamSettings(3, TeamSettings.Resolution.review, false);

    private static Response response(String user, ResponseStatus status) {
        return new Response(user, status, null, NOW, 1);
    }

    @Test
    void answersAndLiveClaimsFillTheSlotsUntilTheClaimThatFreesOneFirstEnds() {
        List<Response> responses = List.of(response("ana", ResponseStatus.submitted), response("ben", ResponseStatus.draft));
        List<Claim> claims = List.of(new Claim("ben", NOW.plusSeconds(300)), new Claim("cai", NOW.plusSeconds(600)),
                new Claim("dan", NOW.minusSeconds(1)), new Claim("ana", NOW.plusSeconds(900)));
        Team team = Team.derive(responses, claims, null, null, THREE, NOW, Map.of("ana", "x"), List.of(), List.of());

        assertThat(team.claimedBy()).as("dan's claim ended, ana answered").containsExactly("ben", "cai");
        assertThat(team.answers()).isEqualTo(1);
        assertThat(team.fullUntil()).as("1 answer + 2 live claims fill 3 slots until ben's ends")
                .isEqualTo(NOW.plusSeconds(300));
        assertThat(team.agreed()).as("under two answers").isNull();
        assertThat(team.complete()).isFalse();

        Team withOneClaim = Team.derive(responses, claims.subList(1, 2), null, null, THREE, NOW, Map.of(), List.of(),
                List.of());
        assertThat(withOneClaim.fullUntil()).as("a slot is free").isNull();
    }

    @Test
    void aCompleteRecordNeedsReviewWhenItsAnswersDisagreeOrTheDatasetReviewsEverything() {
        List<Response> two = List.of(response("ana", ResponseStatus.submitted), response("ben", ResponseStatus.discarded));
        TeamSettings majority = new TeamSettings(2, TeamSettings.Resolution.majority, false);
        Team disagree = Team.derive(two, List.of(), null, null, majority, NOW, Map.of("ana", "Sports", "ben", "-"),
                List.of(), List.of());
        assertThat(disagree.agreed()).isFalse();
        assertThat(disagree.needsReview()).isTrue();
        assertThat(disagree.submittedBy()).containsExactly("ana");
        assertThat(disagree.answeredBy()).containsExactly("ana", "ben");

        Team agree = Team.derive(two, List.of(), null, null, majority, NOW, Map.of("ana", "x", "ben", "x"), List.of(),
                List.of());
        assertThat(agree.needsReview()).isFalse();
        TeamSettings review = new TeamSettings(2, TeamSettings.Resolution.review, false);
        assertThat(Team.derive(two, List.of(), null, null, review, NOW, Map.of("ana", "x", "ben", "x"), List.of(),
                List.of()).needsReview()).isTrue();
        assertThat(Team.derive(two, List.of(), new Review("rita", NOW, "ana"), Team.FROM_REVIEW, review, NOW,
                Map.of("ana", "x", "ben", "y"), List.of(), List.of()).needsReview()).as("reviewed").isFalse();
    }

    @Test
    void settingsDefaultToOnePersonPerRecordAndAreBounded() {
        TeamSettings none = new TeamSettings(null, null, null);
        assertThat(none.minSubmitted()).isEqualTo(1);
        assertThat(none.resolution()).isEqualTo(TeamSettings.Resolution.review);
        assertThat(none.responsesVisibleAfterSubmit()).isFalse();
        assertThat(new TeamSettings(0, null, null).violations()).extracting(v -> v.field()).containsExactly("min_submitted");
        assertThat(new TeamSettings(11, null, null).violations()).hasSize(1);
    }
}

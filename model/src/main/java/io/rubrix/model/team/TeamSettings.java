package io.rubrix.model.team;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.validation.Violation;

/**
 * How a dataset's records are labelled by a team (ADR 0012).
 *
 * @param minSubmitted                 how many people answer each record before it leaves the queues; 1 is Rubrix's
 *                                     way (the answer is the record's annotation)
 * @param resolution                   with more than one: {@code review} (the annotation is a reviewer's decision)
 *                                     or {@code majority} (the answers, when they all agree; a disagreement waits
 *                                     for review)
 * @param responsesVisibleAfterSubmit  whether an annotator sees the others' responses to a record once they have
 *                                     answered it themselves (never before)
 */
@JsonPropertyOrder({"min_submitted", "resolution", "responses_visible_after_submit"})
public record TeamSettings(
        @JsonProperty("min_submitted") Integer minSubmitted,
        @JsonProperty("resolution") Resolution resolution,
        @JsonProperty("responses_visible_after_submit") Boolean responsesVisibleAfterSubmit) {

    public static final int MAX_SUBMITTED = 10;
    public static final TeamSettings SINGLE = new TeamSettings(1, Resolution.review, false);

    public enum Resolution {
        review,
        majority
    }

    public TeamSettings {
        minSubmitted = minSubmitted == null ? 1 : minSubmitted;
        resolution = resolution == null ? Resolution.review : resolution;
        responsesVisibleAfterSubmit = responsesVisibleAfterSubmit != null && responsesVisibleAfterSubmit;
    }

    public static TeamSettings orDefault(TeamSettings settings) {
        return settings == null ? SINGLE : settings;
    }

    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        if (minSubmitted < 1 || minSubmitted > MAX_SUBMITTED) {
            violations.add(new Violation("min_submitted", "must be between 1 and " + MAX_SUBMITTED + ", not "
                    + minSubmitted));
        }
        return violations;
    }
}

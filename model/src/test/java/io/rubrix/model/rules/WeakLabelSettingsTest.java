package io.rubrix.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

class WeakLabelSettingsTest {

    static final Instant WRITTEN = Instant.parse("2026-12-06T09:00:00Z");
    static final Instant APPLIED = Instant.parse("2026-12-06T10:00:00Z");

    static LabelingRule rule(String name, String label, Instant updated) {
        return new LabelingRule(name, name, List.of(label), null, "ana", WRITTEN, updated);
    }

    final List<LabelingRule> rules = List.of(rule("prize", "spam", WRITTEN), rule("meeting", "ham", WRITTEN),
            rule("free", "spam", WRITTEN));
    final LabelMatrix matrix = new LabelMatrix(rules);
    final GenerativeModel.Fitted fitted;

    WeakLabelSettingsTest() {
        var data = GenerativeModelTest.Synthetic.draw(rules, List.of("spam", "ham"), new double[] {0.4, 0.6},
                new double[] {0.6, 0.5, 0.3}, new double[] {0.05, 0.1, 0.2}, 5_000, 5);
        for (int row = 0; row < data.matrix().records(); row++) {
            matrix.add(data.matrix().matched(row));
        }
        fitted = GenerativeModel.fit(matrix, 200, 1e-6);
    }

    @Test
    void aRecordLoggedAfterTheModelWasAppliedGetsTheFittedPosteriorEvenAfterAJsonRoundTrip() throws Exception {
        ObjectMapper json = RubrixJson.newMapper();
        WeakLabelSettings stored = json.readValue(json.writeValueAsString(
                WeakLabelSettings.generative(APPLIED, matrix, fitted)), WeakLabelSettings.class);

        WeakLabel label = stored.label(rules, Set.of("prize", "meeting"), false).orElseThrow();

        WeakLabel expected = fitted.predict(new int[] {0, 1}).orElseThrow();
        assertEquals(expected.top(), label.top());
        assertEquals(expected.labels().get(0).confidence(), label.labels().get(0).confidence(), 1e-12);
    }

    @Test
    void rulesChangedSinceTheFitGiveTheMajorityVoteAndMultiLabelRecordsToo() {
        WeakLabelSettings stored = WeakLabelSettings.generative(APPLIED, matrix, fitted);
        List<LabelingRule> edited = List.of(rules.get(0), rule("meeting", "ham", APPLIED.plusSeconds(1)),
                rules.get(2));

        assertEquals(List.of(new WeakLabel.Scored("ham", 0.5), new WeakLabel.Scored("spam", 0.5)),
                stored.label(rules, Set.of("prize", "meeting"), true).orElseThrow().labels());
        assertTrue(stored.label(edited, Set.of("prize", "meeting"), false).isEmpty(), "a tie of the vote abstains");
        assertEquals("spam", stored.label(edited, Set.of("prize", "free", "meeting"), false).orElseThrow().top());
        assertTrue(stored.label(rules, Set.of(), false).isEmpty());
    }
}

package io.rubrix.model.record.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.PredictionStatus;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.validation.Violation;

class TextClassificationRecordTest {

    private static final Map<String, Object> INPUTS = Map.of("text", "Stocks rally");

    @Test
    void aWellFormedRecordHasNoViolations() {
        assertThat(record(false, labels("m", l("A", 0.7), l("B", 0.3)), labels("ana", l("A", 1.0))).violations())
                .isEmpty();
    }

    @Test
    void inputsMustNotBeEmpty() {
        assertThat(withInputs(Map.of()).violations())
                .containsExactly(new Violation("inputs", "must have at least one input"));
    }

    @Test
    void inputsMustNotHoldNullValues() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("title", "ok");
        inputs.put("body", null);

        assertThat(withInputs(inputs).violations()).containsExactly(new Violation("inputs.body", "must not be null"));
    }

    @Test
    void inputsAreTextsOrListsOfTexts() {
        assertThat(withInputs(Map.of("n", 3)).violations())
                .containsExactly(new Violation("inputs.n", "must be a text or a list of texts"));
        assertThat(withInputs(Map.of("l", Arrays.asList("a", 2))).violations())
                .containsExactly(new Violation("inputs.l", "a list input must hold texts only"));
        assertThat(withInputs(Map.of("l", List.of("a", "b"))).violations()).isEmpty();
    }

    @Test
    void singleLabelConfidencesSumToAtMostOnePlusSlack() {
        assertThat(record(false, labels("m", l("A", 0.6), l("B", 0.4005)), null).violations()).isEmpty();
        assertThat(record(false, labels("m", l("A", 0.7), l("B", 0.5)), null).violations()).containsExactly(
                new Violation("prediction.labels",
                        "single-label confidences sum to 1.2, above 1 (use multi_label for independent labels)"));
    }

    @Test
    void multiLabelConfidencesMaySumAboveOne() {
        assertThat(record(true, labels("m", l("A", 0.9), l("B", 0.8)), null).violations()).isEmpty();
    }

    @Test
    void confidencesLieWithinZeroAndOne() {
        assertThat(record(true, labels("m", l("A", 1.2), l("B", -0.1)), null).violations()).containsExactly(
                new Violation("prediction.labels[0].confidence", "1.2 is outside [0, 1]"),
                new Violation("prediction.labels[1].confidence", "-0.1 is outside [0, 1]"));
    }

    @Test
    void annotationRulesNameTheAnnotationField() {
        assertThat(record(false, null, labels(" ", l("A", 0.8), l("A", 0.2))).violations()).containsExactly(
                new Violation("annotation.agent", "must not be empty"),
                new Violation("annotation.labels[1].class", "label 'A' appears more than once"));
    }

    @Test
    void aRepeatedLabelIsFoundAmongManyAndNamedEachTime() {
        ClassPrediction[] many = new ClassPrediction[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = l(i == 25 || i == 39 ? "L3" : "L" + i, 0.01);
        }
        ClassPrediction[] few = {l("A", 0.1), l("B", 0.1), l("A", 0.1), l("B", 0.1), l(" ", 0.1)};

        assertThat(record(true, labels("m", many), labels("ana", few)).violations()).containsExactly(
                new Violation("prediction.labels[25].class", "label 'L3' appears more than once"),
                new Violation("prediction.labels[39].class", "label 'L3' appears more than once"),
                new Violation("annotation.labels[2].class", "label 'A' appears more than once"),
                new Violation("annotation.labels[3].class", "label 'B' appears more than once"),
                new Violation("annotation.labels[4].class", "must not be empty"));
    }

    @Test
    void explanationNamesExistingInputs() {
        TextClassificationRecord record = new TextClassificationRecord(null, null, null, null, null, null, INPUTS, false,
                Map.of("title", List.of(new TokenAttributions("Stocks", Map.of("A", 0.4)))), null, null);

        assertThat(record.violations()).containsExactly(new Violation("explanation.title", "names no input of this record"));
    }

    @Test
    void singleLabelDerivesTheMostConfidentLabel() {
        DerivedFields derived = record(false, labels("m", l("A", 0.3), l("B", 0.6)), labels("ana", l("B", 1.0))).derive();

        assertThat(derived.predictedAs()).containsExactly("B");
        assertThat(derived.annotatedAs()).containsExactly("B");
        assertThat(derived.predictedBy()).containsExactly("m");
        assertThat(derived.annotatedBy()).containsExactly("ana");
        assertThat(derived.predicted()).isEqualTo(PredictionStatus.ok);
        assertThat(derived.score()).isEqualTo(0.6);
        assertThat(derived.words()).isEqualTo("Stocks rally");
    }

    @Test
    void multiLabelAssignsLabelsAboveOneHalf() {
        DerivedFields derived = record(true, labels("m", l("A", 0.9), l("B", 0.5), l("C", 0.51)),
                labels("ana", l("A", 1.0))).derive();

        assertThat(derived.predictedAs()).containsExactly("A", "C");
        assertThat(derived.annotatedAs()).containsExactly("A");
        assertThat(derived.predicted()).isEqualTo(PredictionStatus.ko);
        assertThat(derived.score()).isEqualTo(0.9);
    }

    @Test
    void withoutAnnotationThereIsNoOkKo() {
        DerivedFields derived = record(false, labels("m", l("A", 1.0)), null).derive();

        assertThat(derived.predicted()).isNull();
        assertThat(derived.annotatedAs()).isEmpty();
        assertThat(derived.annotatedBy()).isEmpty();
    }

    @Test
    void withoutPredictionThereIsNoScore() {
        DerivedFields derived = record(false, null, labels("ana", l("A", 1.0))).derive();

        assertThat(derived.score()).isNull();
        assertThat(derived.predictedBy()).isEmpty();
        assertThat(derived.predicted()).isNull();
    }

    @Test
    void wordsJoinEveryInputText() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("title", "Stocks");
        inputs.put("tags", List.of("markets", "rally"));

        assertThat(withInputs(inputs).derive().words()).isEqualTo("Stocks\nmarkets\nrally");
    }

    @Test
    void aMachineWriteKeepsTheStoredHumanLabelAndStatus() {
        TextClassificationRecord stored = record(false, labels("m1", l("A", 1.0)), labels("ana", l("B", 1.0)))
                .withAnnotation(labels("ana", l("B", 1.0)), RecordStatus.Validated);
        TextClassificationRecord incoming = record(false, labels("m2", l("A", 0.9)), null);

        TextClassificationRecord merged = incoming.keepingHumanWorkOf(stored);

        assertThat(merged.prediction()).isEqualTo(labels("m2", l("A", 0.9)));
        assertThat(merged.annotation()).isEqualTo(labels("ana", l("B", 1.0)));
        assertThat(merged.status()).isEqualTo(RecordStatus.Validated);
    }

    @Test
    void aMachineWriteKeepsADiscardedStatusWithoutAnnotation() {
        TextClassificationRecord stored = record(false, null, null).withAnnotation(null, RecordStatus.Discarded);

        assertThat(record(false, labels("m", l("A", 1.0)), null).keepingHumanWorkOf(stored).status())
                .isEqualTo(RecordStatus.Discarded);
    }

    @Test
    void anIncomingAnnotationWins() {
        TextClassificationRecord stored = record(false, null, labels("ana", l("B", 1.0)));
        TextClassificationRecord incoming = record(false, null, labels("import", l("A", 1.0)));

        assertThat(incoming.keepingHumanWorkOf(stored).annotation()).isEqualTo(labels("import", l("A", 1.0)));
    }

    @Test
    void stampingSetsLastUpdatedAndOkKo() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        TextClassificationRecord stamped = record(false, labels("m", l("A", 1.0)), labels("ana", l("A", 1.0))).stampedAt(now);

        assertThat(stamped.lastUpdated()).isEqualTo(now);
        assertThat(stamped.predicted()).isEqualTo(PredictionStatus.ok);
    }

    @Test
    void aMissingIdBecomesARandomOneAndAGivenIdStays() {
        assertThat(record(false, null, null).withIdIfMissing().id()).isNotNull();
        TextClassificationRecord withId = new TextClassificationRecord(RecordId.of("x"), null, null, null, null, null,
                INPUTS, false, null, null, null);
        assertThat(withId.withIdIfMissing().id()).isEqualTo(RecordId.of("x"));
    }

    private static TextClassificationRecord record(boolean multi, TextClassificationAnnotation prediction,
            TextClassificationAnnotation annotation) {
        return new TextClassificationRecord(null, null, null, null, prediction, annotation, INPUTS, multi, null, null, null);
    }

    private static TextClassificationRecord withInputs(Map<String, Object> inputs) {
        return new TextClassificationRecord(null, null, null, null, null, null, inputs, false, null, null, null);
    }

    private static TextClassificationAnnotation labels(String agent, ClassPrediction... labels) {
        return new TextClassificationAnnotation(agent, List.of(labels));
    }

    private static ClassPrediction l(String label, double confidence) {
        return ClassPrediction.of(label, confidence);
    }
}

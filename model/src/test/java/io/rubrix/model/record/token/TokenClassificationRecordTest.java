package io.rubrix.model.record.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.PredictionStatus;
import io.rubrix.model.validation.Violation;

class TokenClassificationRecordTest {

    private static final List<String> TOKENS = List.of("Ana", "plays", "Muse");
    private static final String TEXT = "Ana plays Muse";

    @Test
    void spansOnTokenBoundariesAreValid() {
        assertThat(record(TOKENS, TEXT, entities("m", span(0, 3, "PER"), span(10, 14, "BAND")), null).violations())
                .isEmpty();
    }

    @Test
    void tokensAndTextAreRequired() {
        assertThat(record(List.of(), " ", null, null).violations()).containsExactly(
                new Violation("raw_text", "must not be empty"),
                new Violation("tokens", "must have at least one token"));
    }

    @Test
    void tokensMustNotBeNull() {
        assertThat(record(Arrays.asList("Ana", null), TEXT, null, null).violations())
                .containsExactly(new Violation("tokens[1]", "must not be null"));
    }

    @Test
    void tokensMustAppearInTheTextInOrder() {
        assertThat(record(List.of("Ana", "Muse", "plays"), TEXT, null, null).violations()).containsExactly(
                new Violation("tokens[2]", "'plays' is not found in raw_text after the previous token"));
    }

    @Test
    void endMustBeGreaterThanStart() {
        assertThat(record(TOKENS, TEXT, entities("m", span(3, 3, "PER")), null).violations())
                .containsExactly(new Violation("prediction.entities[0]", "end (3) must be greater than start (3)"));
    }

    @Test
    void spansMustLieInsideTheText() {
        assertThat(record(TOKENS, TEXT, null, entities("ana", span(10, 20, "BAND"))).violations()).containsExactly(
                new Violation("annotation.entities[0]", "span [10, 20) is outside raw_text of length 14"));
    }

    @Test
    void spansMustAlignWithTokens() {
        assertThat(record(TOKENS, TEXT, entities("m", span(1, 7, "X")), null).violations()).containsExactly(
                new Violation("prediction.entities[0].start", "1 is not the start of a token"),
                new Violation("prediction.entities[0].end", "7 is not the end of a token"));
    }

    @Test
    void aSpanNeedsItsLabelAndOffsets() {
        assertThat(record(TOKENS, TEXT, entities("m", span(0, 3, ""), new EntitySpan(null, 3, "X")), null).violations())
                .containsExactly(
                        new Violation("prediction.entities[0].label", "must not be empty"),
                        new Violation("prediction.entities[1]", "needs start, end and label"));
    }

    @Test
    void predictionScoreLiesWithinZeroAndOne() {
        TokenClassificationAnnotation prediction = new TokenClassificationAnnotation("m", List.of(), 1.5);

        assertThat(record(TOKENS, TEXT, prediction, null).violations())
                .containsExactly(new Violation("prediction.score", "1.5 is outside [0, 1]"));
    }

    @Test
    void derivesLabelsAgentsScoreAndAgreement() {
        TokenClassificationAnnotation prediction = new TokenClassificationAnnotation("m",
                List.of(span(0, 3, "PER"), span(10, 14, "BAND")), 0.8);

        DerivedFields same = record(TOKENS, TEXT, prediction, entities("ana", span(10, 14, "BAND"), span(0, 3, "PER"))).derive();
        DerivedFields different = record(TOKENS, TEXT, prediction, entities("ana", span(10, 14, "ORG"))).derive();

        assertThat(same.predictedAs()).containsExactly("PER", "BAND");
        assertThat(same.annotatedAs()).containsExactly("BAND", "PER");
        assertThat(same.predictedBy()).containsExactly("m");
        assertThat(same.annotatedBy()).containsExactly("ana");
        assertThat(same.score()).isEqualTo(0.8);
        assertThat(same.predicted()).isEqualTo(PredictionStatus.ok);
        assertThat(same.words()).isEqualTo(TEXT);
        assertThat(different.predicted()).isEqualTo(PredictionStatus.ko);
    }

    /** A model's entity scores are not part of what a person marks: the same spans and labels agree. */
    @Test
    void entityScoresDoNotCountInAgreement() {
        TokenClassificationAnnotation scored = new TokenClassificationAnnotation("m",
                List.of(new EntitySpan(0, 3, "PER", 0.97), new EntitySpan(10, 14, "BAND", 0.4)), null);

        assertThat(record(TOKENS, TEXT, scored, entities("ana", span(10, 14, "BAND"), span(0, 3, "PER")))
                .derive().predicted()).isEqualTo(PredictionStatus.ok);
        assertThat(record(TOKENS, TEXT, scored, entities("ana", span(0, 3, "PER"))).derive().predicted())
                .isEqualTo(PredictionStatus.ko);
        assertThat(record(TOKENS, TEXT, scored, null).violations()).isEmpty();
        assertThat(record(TOKENS, TEXT, new TokenClassificationAnnotation("m", List.of(new EntitySpan(0, 3, "PER", 7.0)),
                null), null).violations()).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("prediction.entities[0].score: 7.0 is outside [0, 1]");
    }

    private static TokenClassificationRecord record(List<String> tokens, String text,
            TokenClassificationAnnotation prediction, TokenClassificationAnnotation annotation) {
        return new TokenClassificationRecord(null, null, null, null, prediction, annotation, tokens, text, null, null);
    }

    private static TokenClassificationAnnotation entities(String agent, EntitySpan... spans) {
        return new TokenClassificationAnnotation(agent, List.of(spans), null);
    }

    private static EntitySpan span(int start, int end, String label) {
        return new EntitySpan(start, end, label);
    }
}

package io.rubrix.model.record.text2text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.PredictionStatus;
import io.rubrix.model.validation.Violation;

class Text2TextRecordTest {

    @Test
    void textIsRequired() {
        assertThat(record("", null, null).violations()).containsExactly(new Violation("text", "must not be empty"));
    }

    @Test
    void sentencesNeedTextAndAScoreWithinZeroAndOne() {
        Text2TextAnnotation prediction = new Text2TextAnnotation("t5", List.of(
                new Text2TextSentence("", 0.5), new Text2TextSentence("ok", 2.0)));

        assertThat(record("The cat", prediction, null).violations()).containsExactly(
                new Violation("prediction.sentences[0].text", "must not be empty"),
                new Violation("prediction.sentences[1].score", "2.0 is outside [0, 1]"));
    }

    @Test
    void annotationNeedsAnAgent() {
        assertThat(record("x", null, new Text2TextAnnotation(null, List.of(new Text2TextSentence("y", null)))).violations())
                .containsExactly(new Violation("annotation.agent", "must not be empty"));
    }

    @Test
    void okWhenThePersonKeptTheBestPrediction() {
        Text2TextAnnotation prediction = new Text2TextAnnotation("t5", List.of(
                new Text2TextSentence("Le chat", 0.2), new Text2TextSentence("Le chat dort.", 0.7)));

        DerivedFields kept = record("The cat sleeps.", prediction,
                new Text2TextAnnotation("ana", List.of(new Text2TextSentence("Le chat dort.", null)))).derive();
        DerivedFields rewritten = record("The cat sleeps.", prediction,
                new Text2TextAnnotation("ana", List.of(new Text2TextSentence("Le chat somnole.", null)))).derive();

        assertThat(kept.predicted()).isEqualTo(PredictionStatus.ok);
        assertThat(kept.score()).isEqualTo(0.7);
        assertThat(kept.predictedBy()).containsExactly("t5");
        assertThat(kept.annotatedBy()).containsExactly("ana");
        assertThat(kept.words()).isEqualTo("The cat sleeps.");
        assertThat(kept.predictedAs()).isEmpty();
        assertThat(rewritten.predicted()).isEqualTo(PredictionStatus.ko);
    }

    private static Text2TextRecord record(String text, Text2TextAnnotation prediction, Text2TextAnnotation annotation) {
        return new Text2TextRecord(null, null, null, null, prediction, annotation, text, null, null);
    }
}

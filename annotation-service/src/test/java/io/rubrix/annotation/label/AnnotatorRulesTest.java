package io.rubrix.annotation.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationRecord;

/** What a person's change makes of a record, task by task: the rules of labelling, in memory. */
@Tag("fast")
class AnnotatorRulesTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final Annotator annotator = new Annotator(json);

    @Test
    void theCallerIsTheAuthorWhateverAgentTheAnnotationNames() throws Exception {
        TextClassificationRecord changed = (TextClassificationRecord) apply(text(false),
                "{\"annotation\":{\"agent\":\"someone-else\",\"labels\":[{\"class\":\"sports\"}]},\"status\":\"Validated\"}");

        assertThat(changed.annotation().agent()).isEqualTo("ana");
        assertThat(changed.status()).isEqualTo(RecordStatus.Validated);
    }

    @Test
    void aSingleLabelRecordTakesExactlyOneLabel() {
        assertThatThrownBy(() -> apply(text(false),
                "{\"annotation\":{\"labels\":[{\"class\":\"sports\"},{\"class\":\"politics\"}]},\"status\":\"Validated\"}"))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors().get(0).field()).isEqualTo("annotation.labels");
                    assertThat(refused.problem().errors().get(0).reason()).contains("exactly one label, not 2");
                });
    }

    @Test
    void aMultiLabelRecordTakesSeveral() throws Exception {
        TextClassificationRecord changed = (TextClassificationRecord) apply(text(true),
                "{\"annotation\":{\"labels\":[{\"class\":\"sports\"},{\"class\":\"politics\"}]},\"status\":\"Validated\"}");

        assertThat(changed.annotation().labels()).extracting(ClassPrediction::label).containsExactly("sports", "politics");
    }

    @Test
    void validatingWithoutAnAnnotationConfirmsThePredictionAsThePersonsOwn() throws Exception {
        TextClassificationRecord changed = (TextClassificationRecord) apply(text(false), "{\"status\":\"Validated\"}");

        assertThat(changed.annotation().agent()).isEqualTo("ana");
        assertThat(changed.annotation().labels()).extracting(ClassPrediction::label).containsExactly("sports");
        assertThat(changed.status()).isEqualTo(RecordStatus.Validated);
    }

    @Test
    void validatingARecordWithNeitherAnnotationNorPredictionAsksForAnAnnotation() throws Exception {
        TaskRecord bare = json.readValue("{\"id\":\"r2\",\"inputs\":{\"text\":\"x\"}}", TextClassificationRecord.class);

        assertThatThrownBy(() -> apply(bare, "{\"status\":\"Validated\"}"))
                .isInstanceOfSatisfying(ApiException.class, refused ->
                        assertThat(refused.problem().errors().get(0).field()).isEqualTo("annotation"));
    }

    @Test
    void backToDefaultRemovesTheAnnotationAndDiscardingKeepsIt() throws Exception {
        TaskRecord labelled = apply(text(false), "{\"annotation\":{\"labels\":[{\"class\":\"sports\"}]},\"status\":\"Validated\"}");

        TextClassificationRecord reset = (TextClassificationRecord) apply(labelled, "{\"status\":\"Default\"}");
        TextClassificationRecord discarded = (TextClassificationRecord) apply(labelled, "{\"status\":\"Discarded\"}");

        assertThat(reset.annotation()).isNull();
        assertThat(reset.status()).isEqualTo(RecordStatus.Default);
        assertThat(discarded.annotation().labels()).extracting(ClassPrediction::label).containsExactly("sports");
        assertThat(discarded.status()).isEqualTo(RecordStatus.Discarded);
    }

    @Test
    void aLabelOutsideTheSchemaIsRefusedAndAnEmptySchemaTakesAny() throws Exception {
        String weather = "{\"annotation\":{\"labels\":[{\"class\":\"weather\"}]},\"status\":\"Validated\"}";

        assertThatThrownBy(() -> annotator.apply(text(false), change(weather), "ana", List.of("sports"), "records[3]."))
                .isInstanceOfSatisfying(ApiException.class, refused ->
                        assertThat(refused.problem().errors().get(0).field()).startsWith("records[3].annotation.labels"));
        assertThat(annotator.apply(text(false), change(weather), "ana", List.of(), "")).isNotNull();
    }

    @Test
    void spansAPersonMarksKeepNoModelScore() throws Exception {
        TokenClassificationRecord tokens = json.readValue("{\"id\":\"t1\",\"text\":\"Ana lives in Paris\","
                + "\"tokens\":[\"Ana\",\"lives\",\"in\",\"Paris\"]}", TokenClassificationRecord.class);

        TokenClassificationRecord changed = (TokenClassificationRecord) annotator.apply(tokens, change(
                "{\"annotation\":{\"entities\":[{\"label\":\"LOC\",\"start\":13,\"end\":18,\"score\":0.4}]},"
                        + "\"status\":\"Validated\"}"), "ana", List.of("LOC", "PER"), "");

        assertThat(changed.annotation().entities()).extracting(EntitySpan::label, EntitySpan::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LOC", null));
    }

    @Test
    void aText2TextAnnotationNeedsASentence() throws Exception {
        Text2TextRecord text2text = json.readValue("{\"id\":\"s1\",\"text\":\"hello\"}", Text2TextRecord.class);

        assertThatThrownBy(() -> apply(text2text, "{\"annotation\":{\"sentences\":[]},\"status\":\"Validated\"}"))
                .isInstanceOfSatisfying(ApiException.class, refused ->
                        assertThat(refused.problem().errors().get(0).field()).isEqualTo("annotation.sentences"));
    }

    private TaskRecord apply(TaskRecord stored, String change) throws Exception {
        return annotator.apply(stored, change(change), "ana", List.of("sports", "politics"), "");
    }

    private LabelChange change(String change) throws Exception {
        return json.readValue(change, LabelChange.class);
    }

    private TextClassificationRecord text(boolean multiLabel) throws Exception {
        return json.readValue("{\"id\":\"r1\",\"inputs\":{\"text\":\"a match\"},\"multi_label\":" + multiLabel
                + ",\"prediction\":{\"agent\":\"model\",\"labels\":[{\"class\":\"sports\",\"score\":0.9}]}}",
                TextClassificationRecord.class);
    }
}

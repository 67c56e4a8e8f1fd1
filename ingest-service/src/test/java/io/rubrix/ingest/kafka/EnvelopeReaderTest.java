package io.rubrix.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.validation.Violation;

class EnvelopeReaderTest {

    private final EnvelopeReader reader = new EnvelopeReader(RubrixJson.newMapper());

    @Test
    void aBatchEnvelopeIsReadWithEachRecordBoundOrRefusedOnItsOwn() throws Exception {
        EnvelopeReader.Envelope envelope = read("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"trace\":{\"span\":[1,2]},\"records\":[" + record("a", "one") + ","
                + "{\"id\":\"b\",\"inputs\":{\"t\":\"x\"},\"prediction\":{\"labels\":[{\"class\":\"A\",\"confidence\":\"high\"}]}},"
                + "{\"id\":\"c\",\"inputs\":{}}," + record("d", "four") + "]}");

        assertThat(envelope.violations()).isEmpty();
        assertThat(envelope.workspace()).isEqualTo("w");
        assertThat(envelope.dataset()).isEqualTo("d");
        assertThat(envelope.task()).isEqualTo(Task.TextClassification);
        assertThat(envelope.hasRecord()).isFalse();
        assertThat(envelope.records()).extracting(RecordReader.Parsed::id).containsExactly("a", "b", "c", "d");
        assertThat(envelope.records()).extracting(RecordReader.Parsed::isValid).containsExactly(true, false, false, true);
        assertThat(envelope.records().get(1).violations()).singleElement().extracting(Violation::field)
                .isEqualTo("prediction.labels[0].confidence");
        assertThat(envelope.records().get(2).violations())
                .containsExactly(new Violation("inputs", "must have at least one input"));
        assertThat(((TextClassificationRecord) envelope.records().get(3).record()).inputs()).containsEntry("text", "four");
    }

    @Test
    void anEnvelopeThatNamesItsTaskAfterItsRecordIsReadAsWell() throws Exception {
        EnvelopeReader.Envelope late = read("{\"record\":" + record("a", "one") + ",\"dataset\":\"d\","
                + "\"workspace\":\"w\",\"task\":\"TextClassification\"}");
        EnvelopeReader.Envelope early = read("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"record\":" + record("a", "one") + "}");

        assertThat(late.violations()).isEmpty();
        assertThat(late.hasRecord()).isTrue();
        assertThat(late.records()).singleElement().extracting(RecordReader.Parsed::record)
                .isEqualTo(early.records().get(0).record());
    }

    @Test
    void whatTheEnvelopeLacksIsNamed() throws Exception {
        assertThat(read("{\"workspace\":\"w\",\"task\":\"TextClassification\",\"record\":" + record("a", "x") + "}")
                .violations()).containsExactly(new Violation("dataset", "must not be empty"));
        assertThat(read("{\"workspace\":\"w\",\"dataset\":\"d\",\"record\":" + record("a", "x") + "}").violations())
                .extracting(Violation::field).containsExactly("task");
        assertThat(read("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"Text2Text\"}").violations())
                .containsExactly(new Violation("record", "give either one record or a list of records"));
        assertThat(read("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"Text2Text\",\"record\":{\"text\":\"x\"},"
                + "\"records\":[]}").violations())
                .containsExactly(new Violation("record", "give either one record or a list of records"));
    }

    @Test
    void aMessageThatIsNoEnvelopeFails() {
        assertThatThrownBy(() -> read("this is not json {")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("[1, 2]")).hasMessageStartingWith("must be a JSON object");
        assertThatThrownBy(() -> read("{\"workspace\":{\"name\":\"w\"}}")).hasMessageStartingWith("workspace: must be a string");
        assertThatThrownBy(() -> read("{\"task\":\"TextClassification\",\"records\":{\"id\":\"a\"}}"))
                .hasMessageStartingWith("records: must be a list of records");
        assertThatThrownBy(() -> read("{\"task\":\"Translation\",\"record\":{}}")).hasMessageContaining("Translation");
        assertThatThrownBy(() -> read("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"record\":{\"id\":\"a\",\"inputs\":{\"text\":tru}}}")).isInstanceOf(IOException.class);
    }

    private EnvelopeReader.Envelope read(String message) throws IOException {
        return reader.read(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String record(String id, String text) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"" + text + "\"},"
                + "\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":0.9}]}}";
    }
}

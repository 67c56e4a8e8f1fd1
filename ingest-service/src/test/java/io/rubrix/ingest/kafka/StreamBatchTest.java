package io.rubrix.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

class StreamBatchTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void aPollIsGroupedPerDatasetWithEachIdOnceAndTheLatestRecordOfIt() {
        KafkaRecord<String, byte[]> five = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"records\":[" + record("a", "first a") + "," + record("b", "b") + "," + record("c", "c") + ","
                + record("d", "d") + "," + record("e", "e") + "]}");
        KafkaRecord<String, byte[]> other = message("{\"workspace\":\"w\",\"dataset\":\"other\","
                + "\"task\":\"TextClassification\",\"record\":" + record("x", "x") + "}");
        KafkaRecord<String, byte[]> again = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"record\":" + record("a", "second a") + "}");

        List<StreamBatch.Group> groups = StreamBatch.read(List.of(five, other, again), new EnvelopeReader(json)).groups();

        assertThat(groups).extracting(StreamBatch.Group::dataset).containsExactly("d", "other");
        assertThat(groups).extracting(group -> List.copyOf(group.records().keySet()))
                .containsExactly(List.of("a", "b", "c", "d", "e"), List.of("x"));
        TextClassificationRecord a = (TextClassificationRecord) groups.get(0).records().get("a");
        assertThat(a.inputs()).containsEntry("text", "second a");
        assertThat(groups.get(0).sources()).containsEntry("a", again).containsEntry("b", five);
        assertThat(groups.get(0).messages()).containsExactly(again, five);
        assertThat(groups.get(1).messages()).containsExactly(other);
    }

    @Test
    void aProducerCannotWriteHumanWorkItsOtherRecordsAreWrittenAndTheMessageIsDeadLetteredWithTheReasons() {
        KafkaRecord<String, byte[]> forged = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"records\":[" + record("ok", "a prediction") + ",{\"id\":\"r5\",\"inputs\":{\"text\":\"t\"},"
                + "\"status\":\"Validated\",\"annotation\":{\"agent\":\"ana\",\"labels\":[{\"class\":\"evil\"}]}},"
                + "{\"id\":\"r6\",\"inputs\":{\"text\":\"t\"},\"status\":\"Discarded\"}]}");

        StreamBatch batch = StreamBatch.read(List.of(forged), new EnvelopeReader(json));

        assertThat(batch.groups()).hasSize(1);
        assertThat(batch.groups().get(0).records().keySet()).containsExactly("ok");
        assertThat(batch.deadLetters()).hasSize(1);
        assertThat(batch.deadLetters().get(0).message()).isSameAs(forged);
        assertThat(batch.deadLetters().get(0).reason())
                .startsWith("records[1].annotation: only people write human labels")
                .contains("; records[1].status: 'Validated' is a person's decision")
                .contains("; records[2].status: 'Discarded' is a person's decision");
    }

    @Test
    void aMessageIsDeadLetteredOnceWithAllItsReasons() {
        KafkaRecord<String, byte[]> one = message("1");
        KafkaRecord<String, byte[]> two = message("2");

        List<DeadLetter> letters = DeadLetter.onePerMessage(List.of(new DeadLetter(one, "record a: refused"),
                new DeadLetter(two, "not a record envelope"), new DeadLetter(one, "record z: refused")));

        assertThat(letters).containsExactly(new DeadLetter(one, "record a: refused; record z: refused"),
                new DeadLetter(two, "not a record envelope"));
    }

    private static String record(String id, String text) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"" + text + "\"}}";
    }

    private static KafkaRecord<String, byte[]> message(String value) {
        return KafkaRecord.of("key", value.getBytes(StandardCharsets.UTF_8));
    }
}

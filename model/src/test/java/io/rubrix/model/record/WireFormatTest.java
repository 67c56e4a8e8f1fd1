package io.rubrix.model.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationRecord;

class WireFormatTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @ParameterizedTest
    @CsvSource({
            "text-classification.json, TextClassification",
            "token-classification.json, TokenClassification",
            "text2text.json, Text2Text"})
    void aRecordRoundTripsByteForByte(String fixture, Task task) throws IOException {
        String wire = fixture(fixture);

        TaskRecord record = json.readValue(wire, RecordReader.typeOf(task));

        assertThat(record.task()).isEqualTo(task);
        assertThat(json.writeValueAsString(record)).isEqualTo(wire);
    }

    @Test
    void readsRubrixAliasesAndWritesCanonicalNames() throws IOException {
        ClassPrediction label = json.readValue("{\"class_label\":\"Sports\",\"score\":0.3}", ClassPrediction.class);

        assertThat(label).isEqualTo(ClassPrediction.of("Sports", 0.3));
        assertThat(json.writeValueAsString(label)).isEqualTo("{\"class\":\"Sports\",\"confidence\":0.3}");
    }

    @Test
    void aLabelWithoutConfidenceHasConfidenceOne() throws IOException {
        assertThat(json.readValue("{\"class\":\"Sports\"}", ClassPrediction.class).confidence()).isEqualTo(1.0);
    }

    @Test
    void omitsNullsAndKeepsMultiLabel() throws IOException {
        TextClassificationRecord record = json.readValue("{\"inputs\":{\"text\":\"hi\"}}", TextClassificationRecord.class);

        assertThat(json.writeValueAsString(record))
                .isEqualTo("{\"status\":\"Default\",\"inputs\":{\"text\":\"hi\"},\"multi_label\":false}");
    }

    @Test
    void anIntegerIdStaysAnInteger() throws IOException {
        TextClassificationRecord record = json.readValue("{\"id\":7,\"inputs\":{\"text\":\"hi\"}}",
                TextClassificationRecord.class);

        assertThat(record.id()).isEqualTo(new RecordId("7", true));
        assertThat(json.writeValueAsString(record)).startsWith("{\"id\":7,");
    }

    @Test
    void readsTimestampsWithoutZoneAsUtcAndEpochMillis() throws IOException {
        TextClassificationRecord python = json.readValue(
                "{\"inputs\":{\"t\":\"x\"},\"event_timestamp\":\"2021-05-10T10:20:30.123456\"}", TextClassificationRecord.class);
        TextClassificationRecord millis = json.readValue(
                "{\"inputs\":{\"t\":\"x\"},\"event_timestamp\":1620642030123}", TextClassificationRecord.class);

        assertThat(python.eventTimestamp()).isEqualTo(Instant.parse("2021-05-10T10:20:30.123456Z"));
        assertThat(millis.eventTimestamp()).isEqualTo(Instant.parse("2021-05-10T10:20:30.123Z"));
    }

    @Test
    void nestedMetadataIsFlattenedToDottedKeys() throws IOException {
        TextClassificationRecord record = json.readValue(
                "{\"inputs\":{\"t\":\"x\"},\"metadata\":{\"source\":{\"feed\":\"reuters\",\"page\":2},\"empty\":null}}",
                TextClassificationRecord.class);

        assertThat(record.metadata()).containsExactly(
                org.assertj.core.api.Assertions.entry("source.feed", "reuters"),
                org.assertj.core.api.Assertions.entry("source.page", 2));
    }

    @Test
    void missingStatusIsDefaultAndMissingListsAreEmpty() throws IOException {
        TextClassificationRecord record = json.readValue("{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\"}}",
                TextClassificationRecord.class);

        assertThat(record.status()).isEqualTo(RecordStatus.Default);
        assertThat(record.prediction().labels()).isEqualTo(List.of());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/wire/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

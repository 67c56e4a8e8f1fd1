package io.rubrix.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.json.RubrixJson;
import io.rubrix.common.validation.Violation;

class RecordReaderTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final RecordReader reader = new RecordReader(json);

    @Test
    void aRecordWithoutIdGetsAUuid() throws Exception {
        RecordReader.Parsed parsed = reader.read(Task.TextClassification, json.readTree("{\"inputs\":{\"t\":\"x\"}}"));

        assertThat(parsed.isValid()).isTrue();
        assertThat(UUID.fromString(parsed.record().id().value())).isNotNull();
        assertThat(parsed.id()).isEqualTo(parsed.record().id().value());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() throws Exception {
        RecordReader.Parsed parsed = reader.read(Task.TextClassification, json.readTree(
                "{\"id\":\"a\",\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":\"high\"}]}}"));

        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.id()).isEqualTo("a");
        assertThat(parsed.violations()).singleElement()
                .extracting(Violation::field).isEqualTo("prediction.labels[0].confidence");
        assertThat(parsed.violations().get(0).reason()).contains("high");
    }

    @Test
    void aRuleViolationIsReportedWithTheRecordId() throws Exception {
        RecordReader.Parsed parsed = reader.read(Task.TokenClassification,
                json.readTree("{\"id\":\"b\",\"tokens\":[],\"raw_text\":\"x\"}"));

        assertThat(parsed.violations()).containsExactly(new Violation("tokens", "must have at least one token"));
        assertThat(parsed.id()).isEqualTo("b");
    }

    @Test
    void aNonObjectIsRefused() throws Exception {
        RecordReader.Parsed parsed = reader.read(Task.Text2Text, json.readTree("[1,2]"));

        assertThat(parsed.violations()).containsExactly(new Violation("record", "must be a JSON object"));
    }

    @Test
    void anUnknownStatusNamesTheStatusField() throws Exception {
        RecordReader.Parsed parsed = reader.read(Task.Text2Text, json.readTree("{\"text\":\"x\",\"status\":\"Done\"}"));

        assertThat(parsed.violations()).singleElement().extracting(Violation::field).isEqualTo("status");
    }
}

package io.rubrix.model.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.validation.Violation;

class RecordReaderTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final RecordReader reader = new RecordReader(json);

    @Test
    void aRecordWithoutIdGetsAUuid() throws Exception {
        RecordReader.Parsed parsed = read(Task.TextClassification, "{\"inputs\":{\"t\":\"x\"}}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(UUID.fromString(parsed.record().id().value())).isNotNull();
        assertThat(parsed.id()).isEqualTo(parsed.record().id().value());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() throws Exception {
        RecordReader.Parsed parsed = read(Task.TextClassification,
                "{\"id\":\"a\",\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":\"high\"}]}}");

        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.id()).isEqualTo("a");
        assertThat(parsed.violations()).singleElement()
                .extracting(Violation::field).isEqualTo("prediction.labels[0].confidence");
        assertThat(parsed.violations().get(0).reason()).contains("high");
    }

    @Test
    void aRuleViolationIsReportedWithTheRecordId() throws Exception {
        RecordReader.Parsed parsed = read(Task.TokenClassification, "{\"id\":\"b\",\"tokens\":[],\"raw_text\":\"x\"}");

        assertThat(parsed.violations()).containsExactly(new Violation("tokens", "must have at least one token"));
        assertThat(parsed.id()).isEqualTo("b");
    }

    @Test
    void aNonObjectIsRefused() throws Exception {
        RecordReader.Parsed parsed = read(Task.Text2Text, "[1,2]");

        assertThat(parsed.violations()).containsExactly(new Violation("record", "must be a JSON object"));
    }

    @Test
    void anUnknownStatusNamesTheStatusField() throws Exception {
        RecordReader.Parsed parsed = read(Task.Text2Text, "{\"text\":\"x\",\"status\":\"Done\"}");

        assertThat(parsed.violations()).singleElement().extracting(Violation::field).isEqualTo("status");
    }

    @Test
    void aStreamOfRecordsIsReadOneByOneAndAFailedOneIsSkippedWholeWithItsId() throws Exception {
        String stream = "[{\"id\":\"1\",\"inputs\":{\"t\":\"one\"}},"
                + "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"labels\":[{\"class\":\"A\",\"confidence\":\"high\"},"
                + "{\"class\":\"B\"}]},\"id\":\"2\"},"
                + "\"not a record\", [3], {\"id\":4,\"inputs\":{}},"
                + "{\"id\":\"5\",\"inputs\":{\"t\":\"five\"},\"metadata\":{\"a\":{\"b\":1}}}]";
        List<RecordReader.Parsed> read;
        byte[] bytes = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (JsonParser parser = json.getFactory().createParser(bytes)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            read = reader.readAll(Task.TextClassification, parser, bytes);
            assertThat(parser.nextToken()).as("the whole stream was read").isNull();
        }

        assertThat(read).extracting(RecordReader.Parsed::isValid).containsExactly(true, false, false, false, false, true);
        assertThat(read).extracting(RecordReader.Parsed::id).containsExactly("1", "2", null, null, "4", "5");
        assertThat(read.get(1).violations()).singleElement().extracting(Violation::field)
                .isEqualTo("prediction.labels[0].confidence");
        assertThat(read.get(2).violations()).containsExactly(new Violation("record", "must be a JSON object"));
        assertThat(read.get(3).violations()).containsExactly(new Violation("record", "must be a JSON object"));
        assertThat(read.get(4).violations()).containsExactly(new Violation("inputs", "must have at least one input"));
        assertThat(read.get(5).record().metadata()).containsEntry("a.b", 1);
        assertThat(read.get(5).record()).as("the same record as read on its own")
                .isEqualTo(read(Task.TextClassification,
                        "{\"id\":\"5\",\"inputs\":{\"t\":\"five\"},\"metadata\":{\"a\":{\"b\":1}}}").record());
    }

    /** One record read on its own: the parser on its first token, the whole text read after it. */
    private RecordReader.Parsed read(Task task, String record) throws Exception {
        byte[] bytes = record.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (JsonParser parser = json.getFactory().createParser(bytes)) {
            parser.nextToken();
            RecordReader.Parsed parsed = reader.read(task, parser, bytes);
            assertThat(parser.nextToken()).as("the record was read to its end").isNull();
            return parsed;
        }
    }
}

package io.rubrix.model.record.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.index.RecordDocument;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.testing.WireRecords;

/**
 * The hand reading of a text-classification record gives the record Jackson binds, or gives up, and the same index
 * document (here, beside the index code, in the model's package for the reader's package-private parts).
 */
class TextClassificationReaderTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void generatedRecordsAreReadAsJacksonBindsThem() throws Exception {
        Random random = new Random(11);
        int byHand = 0;
        for (int n = 0; n < 3_000; n++) {
            String wire = WireRecords.textClassification(json, random, n);
            TextClassificationRecord read = readByHand(wire);
            if (read == null) {
                assertThat(wire).as("only records with an explanation are left to Jackson").contains("\"explanation\"");
                continue;
            }
            byHand++;
            TextClassificationRecord bound = json.readValue(wire, TextClassificationRecord.class);
            assertThat(read).as(wire).isEqualTo(bound);
            assertThat(RecordDocument.json(json, read)).as("the same document, in the same order")
                    .isEqualTo(RecordDocument.json(json, bound));
        }
        assertThat(byHand).isBetween(2_500, 2_900);
    }

    @Test
    void otherShapesAreLeftToJacksonWhichReadsThemAsBefore() throws Exception {
        List<String> others = List.of(
                "{\"id\":1.5,\"inputs\":{\"t\":\"x\"}}",
                "{\"id\":[1],\"inputs\":{\"t\":\"x\"}}",
                "{\"id\":\"a\",\"id\":\"b\",\"inputs\":{\"t\":\"x\"}}",
                "{\"inputs\":{\"t\":\"x\"},\"multi_label\":\"true\"}",
                "{\"inputs\":{\"t\":\"x\"},\"multi_label\":null}",
                "{\"inputs\":{\"t\":\"x\"},\"status\":\"validated\"}",
                "{\"inputs\":{\"t\":\"x\"},\"status\":\"\"}",
                "{\"inputs\":{\"t\":\"x\"},\"predicted\":\"maybe\"}",
                "{\"inputs\":{\"t\":\"x\"},\"event_timestamp\":1764324000000}",
                "{\"inputs\":{\"t\":\"x\"},\"event_timestamp\":\"yesterday\"}",
                "{\"inputs\":\"x\"}",
                "{\"inputs\":{\"t\":\"x\"},\"metadata\":[1]}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":\"A\"}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":7,\"labels\":[]}}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":[null]}}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":{\"class\":\"A\"}}}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":\"0.5\"}]}}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"score\":0.2,\"confidence\":0.3}]}}",
                "{\"inputs\":{\"t\":\"x\"},\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":true}]}}",
                "{\"inputs\":{\"t\":\"x\"},\"explanation\":{\"t\":[{\"token\":\"x\",\"attributions\":{\"A\":0.1}}]}}");
        RecordReader reader = new RecordReader(json);
        for (String wire : others) {
            assertThat(readByHand(wire)).as(wire).isNull();
            RecordReader.Parsed parsed = readThrough(reader, wire);
            try {
                TextClassificationRecord bound = json.readValue(wire, TextClassificationRecord.class);
                List<?> violations = bound.violations();
                if (violations.isEmpty()) { // the reader gives an id to a record without one
                    assertThat(parsed.record()).as(wire).usingRecursiveComparison().ignoringFields("id").isEqualTo(bound);
                    assertThat(parsed.record().id()).isNotNull();
                } else {
                    assertThat(parsed.violations()).as(wire).isEqualTo(violations);
                }
            } catch (JsonMappingException refused) {
                assertThat(parsed.isValid()).as(wire).isFalse();
                assertThat(parsed.violations()).as(wire).hasSize(1);
            }
        }
    }

    private TextClassificationRecord readByHand(String wire) throws Exception {
        try (JsonParser parser = json.getFactory().createParser(wire)) {
            parser.nextToken();
            return TextClassificationReader.read(parser);
        }
    }

    private RecordReader.Parsed readThrough(RecordReader reader, String wire) throws Exception {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = json.getFactory().createParser(bytes)) {
            parser.nextToken();
            RecordReader.Parsed parsed = reader.read(Task.TextClassification, parser, bytes);
            assertThat(parser.nextToken()).as("the record was read to its end").isNull();
            return parsed;
        }
    }
}

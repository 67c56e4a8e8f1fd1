package io.rubrix.common.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text.TokenAttributions;
import io.rubrix.model.testing.WireRecords;

/** The hand-written document of a text-classification record is byte for byte what Jackson's serializers write. */
class TextClassificationDocumentTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void generatedRecordsReadFromJsonAreWrittenAsJacksonWritesThem() throws Exception {
        Random random = new Random(7);
        int fastPath = 0;
        for (int n = 0; n < 2_000; n++) {
            String wire = WireRecords.textClassification(json, random, n);
            TextClassificationRecord record = json.readValue(wire, TextClassificationRecord.class);
            if (random.nextBoolean()) {
                record = record.stampedAt(Instant.parse("2026-11-29T10:15:30.123456789Z").plusSeconds(n));
            }
            fastPath += TextClassificationDocument.handles(record) ? 1 : 0;
            assertThat(RecordDocument.json(json, record)).as("record %d", n).isEqualTo(byJackson(record));
        }
        assertThat(fastPath).as("records written by hand").isBetween(1_500, 1_950);
    }

    @Test
    void valuesThatJsonReadingDoesNotMakeAreWrittenByTheMapper() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("price", new BigDecimal("12.50"));
        metadata.put("ratio", 0.25f);
        metadata.put("when", Instant.parse("2026-01-02T03:04:05Z"));
        metadata.put("rows", List.of(Map.of("a", 1), List.of(2, 3)));
        metadata.put("status", RecordStatus.Edited);
        TextClassificationRecord record = new TextClassificationRecord(new RecordId("42", true), metadata, null,
                null, new TextClassificationAnnotation(null, List.of(ClassPrediction.of("a", 0.5))), null,
                Map.of("text", "hi"), true, null, null, null);

        assertThat(TextClassificationDocument.handles(record)).isTrue();
        assertThat(RecordDocument.json(json, record)).isEqualTo(byJackson(record))
                .contains("\"id\":42", "\"price\":12.50", "\"agent\":null");
    }

    @Test
    void aRecordWithAnExplanationGoesThroughJackson() {
        TextClassificationRecord record = new TextClassificationRecord(RecordId.of("e"), null, null, null, null, null,
                Map.of("text", "good"), false, Map.of("text", List.of(new TokenAttributions("good", Map.of("a", 0.9)))),
                null, null);

        assertThat(TextClassificationDocument.handles(record)).isFalse();
        assertThat(RecordDocument.json(json, record)).isEqualTo(byJackson(record)).contains("\"explanation\"");
    }

    @Test
    void aTextThatIsAlsoTheWordsIsWrittenTwiceAsJacksonWritesIt() throws Exception {
        // JSON-escaped, as clients send them: lone surrogates are read but cannot be encoded as UTF-8
        for (String text : List.of("plain", "quote \\\" \\\\ \\n \\u0001 \\u00e9 \\ud83d\\ude00 \\u6f22", "",
                "lone \\ud800 surrogate", "lone low \\udc00", "ends high \\ud83d")) {
            TextClassificationRecord record = json.readValue("{\"id\":\"t\",\"inputs\":{\"the text\":\"" + text + "\"}}",
                    TextClassificationRecord.class);

            assertThat(outcome(() -> RecordDocument.json(json, record))).as(text).isEqualTo(outcome(() -> byJackson(record)));
        }
        TextClassificationRecord record = json.readValue("{\"inputs\":{\"text\":\"caf\\u00e9 \\\"x\\\"\"}}",
                TextClassificationRecord.class);
        assertThat(RecordDocument.json(json, record))
                .contains("\"inputs\":{\"text\":\"caf\u00e9 \\\"x\\\"\"}", "\"words\":\"caf\u00e9 \\\"x\\\"\"");
    }

    /** What writing gives: the document, or the exception's class (the same for both writers). */
    private static String outcome(Callable<String> writing) {
        try {
            return writing.call();
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    private String byJackson(TextClassificationRecord record) {
        String line = new NdjsonBody().mergedLine(json, record, record.derive()).toString();
        return line.substring(0, line.length() - 1);
    }
}

package io.rubrix.common.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.json.RubrixJson;
import io.rubrix.common.record.RecordId;
import io.rubrix.common.record.RecordStatus;
import io.rubrix.common.record.text.ClassPrediction;
import io.rubrix.common.record.text.TextClassificationAnnotation;
import io.rubrix.common.record.text.TextClassificationRecord;
import io.rubrix.common.record.text.TokenAttributions;

/** The hand-written document of a text-classification record is byte for byte what Jackson's serializers write. */
class TextClassificationDocumentTest {

    private static final String[] TEXTS = {"plain words", "quote \" and \\ backslash", "line\nbreak\ttab",
            "control \u0001 char", "accents héllo wörld", "emoji \uD83D\uDE00 and 漢字", "", "</script>"};
    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void generatedRecordsReadFromJsonAreWrittenAsJacksonWritesThem() throws Exception {
        Random random = new Random(7);
        int fastPath = 0;
        for (int n = 0; n < 2_000; n++) {
            TextClassificationRecord record = json.readValue(wire(random, n), TextClassificationRecord.class);
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

    private String byJackson(TextClassificationRecord record) {
        String line = new NdjsonBody().mergedLine(json, record, record.derive()).toString();
        return line.substring(0, line.length() - 1);
    }

    /** A record as a client sends it, with every optional part present or not, and awkward texts. */
    private String wire(Random random, int n) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        switch (random.nextInt(4)) {
            case 0 -> record.put("id", n);
            case 1 -> record.put("id", "r-" + n + text(random));
            case 2 -> record.put("id", random.nextInt(20) == 0 ? "" : "r" + n);
            default -> { } // no id: one is given when the record is written
        }
        if (random.nextBoolean()) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source", text(random));
            metadata.put("length", random.nextInt(100));
            metadata.put("big", random.nextLong());
            metadata.put("score", random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            metadata.put("flag", random.nextBoolean());
            metadata.put("nested", Map.of("level", text(random), "empty", Map.of()));
            metadata.put("tags", List.of(text(random), 3, false));
            metadata.put("gone", null);
            record.put("metadata", metadata);
        }
        if (random.nextBoolean()) {
            record.put("event_timestamp", random.nextBoolean() ? "2026-11-28T10:00:00Z" : "2026-11-28T10:00:00.5+01:00");
        }
        if (random.nextBoolean()) {
            record.put("status", RecordStatus.values()[random.nextInt(4)].name());
        }
        if (random.nextInt(4) > 0) {
            record.put("prediction", labelling(random, "model-" + text(random)));
        }
        if (random.nextBoolean()) {
            record.put("annotation", labelling(random, random.nextInt(5) == 0 ? null : "ana"));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("text", text(random) + " " + text(random));
        if (random.nextBoolean()) {
            inputs.put("title", List.of(text(random), text(random)));
        }
        record.put("inputs", inputs);
        record.put("multi_label", random.nextBoolean());
        if (random.nextInt(10) == 0) {
            record.put("explanation", Map.of("text", List.of(Map.of("token", "word", "attributions", Map.of("a", 0.1)))));
        }
        return json.writeValueAsString(record);
    }

    private Map<String, Object> labelling(Random random, String agent) {
        List<Object> labels = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            Map<String, Object> label = new LinkedHashMap<>();
            label.put("class", "label-" + i + text(random));
            label.put("confidence", random.nextInt(3) == 0 ? 1.0 : random.nextDouble() / 4);
            labels.add(label);
        }
        Map<String, Object> labelling = new LinkedHashMap<>();
        labelling.put("agent", agent);
        labelling.put("labels", labels);
        return labelling;
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }
}

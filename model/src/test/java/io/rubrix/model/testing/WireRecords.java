package io.rubrix.model.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.record.RecordStatus;

/** Records as clients send them, generated with every optional part present or not, and awkward texts. */
public final class WireRecords {

    private static final String[] TEXTS = {"plain words", "quote \" and \\ backslash", "line\nbreak\ttab",
            "control \u0001 char", "accents héllo wörld", "emoji \uD83D\uDE00 and 漢字", "", "</script>"};

    private WireRecords() {
    }

    /** A record as a client sends it, with every optional part present or not, and awkward texts. */
    public static String textClassification(ObjectMapper json, Random random, int n) throws Exception {
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
        if (random.nextInt(6) == 0) {
            record.put("predicted", random.nextBoolean() ? "ok" : "ko");
            record.put("last_updated", "2026-11-27T09:00:00.123Z");
        }
        if (random.nextInt(8) == 0) {
            record.put("model_version", Map.of("name", text(random), "tags", List.of(1, 2))); // not a record field
        }
        if (random.nextInt(8) == 0) {
            record.put(List.of("id", "metadata", "status", "prediction", "annotation", "event_timestamp", "predicted",
                    "inputs", "last_updated", "explanation").get(random.nextInt(10)), null);
        }
        if (random.nextInt(10) == 0) {
            record.put("explanation", Map.of("text", List.of(Map.of("token", "word", "attributions", Map.of("a", 0.1)))));
        }
        return json.writeValueAsString(record);
    }

    private static Map<String, Object> labelling(Random random, String agent) {
        List<Object> labels = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            Map<String, Object> label = new LinkedHashMap<>();
            label.put(random.nextInt(10) == 0 ? "class_label" : "class", "label-" + i + text(random));
            label.put(random.nextInt(10) == 0 ? "score" : "confidence", switch (random.nextInt(6)) {
                case 0 -> 1.0;
                case 1 -> random.nextInt(2); // an integer: 0 or 1
                default -> random.nextDouble() / 4;
            });
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

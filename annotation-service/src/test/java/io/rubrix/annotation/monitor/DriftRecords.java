package io.rubrix.annotation.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text-classification records of a known make-up for drift tests: a share of them predicted Sports (the rest
 * Business) with one confidence, a metadata source, a text of one length, and, when asked, a human label that is right
 * for the first {@code right} of them.
 */
final class DriftRecords {

    private final List<Map<String, Object>> records = new ArrayList<>();

    /**
     * {@code count} records at {@code at}: the first {@code sports} predicted Sports, {@code confidence} for the top
     * label, {@code sources[i % sources.length]} as metadata source, texts of {@code textLength} characters;
     * {@code labelled}: annotated, right where {@code right} says.
     */
    DriftRecords add(String prefix, int count, Instant at, int sports, double confidence, String[] sources,
            int textLength, boolean labelled, java.util.function.IntPredicate right) {
        for (int i = 0; i < count; i++) {
            String predicted = i < sports ? "Sports" : "Business";
            String other = predicted.equals("Sports") ? "Business" : "Sports";
            Map<String, Object> record = new HashMap<>();
            record.put("id", prefix + "-" + i);
            record.put("inputs", Map.of("text", "x".repeat(textLength)));
            record.put("event_timestamp", at.toString());
            record.put("metadata", Map.of("source", sources[i % sources.length]));
            record.put("prediction", Map.of("agent", "model-1", "labels", List.of(
                    Map.of("class", predicted, "confidence", confidence),
                    Map.of("class", other, "confidence", 1 - confidence))));
            if (labelled) {
                record.put("annotation", Map.of("agent", "ana", "labels",
                        List.of(Map.of("class", right.test(i) ? predicted : other))));
            }
            records.add(record);
        }
        return this;
    }

    List<Map<String, Object>> list() {
        return records;
    }
}

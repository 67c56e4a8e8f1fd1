package io.rubrix.model.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.text2text.Text2TextSentence;
import io.rubrix.model.record.token.TokenClassificationRecord;

/**
 * A record as one flat training row of a snapshot (API.md): {@code id}, the metadata keys, then the task's
 * fields: the inputs and {@code labels} (a list for multi label) for text classification; {@code tokens},
 * {@code text} and {@code entities} for token classification; {@code text} and {@code target} for Text2Text.
 * A metadata key that collides with one of these is kept as {@code metadata.<key>}.
 */
public final class TrainingRows {

    private TrainingRows() {
    }

    public static Map<String, Object> of(TaskRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (record instanceof TextClassificationRecord text) {
            fields.putAll(text.inputs());
            List<String> labels = text.assignedLabels(text.annotation());
            fields.put("labels", text.multiLabel() ? labels : labels.stream().findFirst().orElse(null));
        } else if (record instanceof TokenClassificationRecord token) {
            fields.put("tokens", token.tokens());
            fields.put("text", token.rawText());
            fields.put("entities", token.annotation() == null ? List.of() : token.annotation().entities());
        } else if (record instanceof Text2TextRecord text2text) {
            fields.put("text", text2text.text());
            fields.put("target", text2text.annotation() == null ? null : text2text.annotation().sentences().stream()
                    .findFirst().map(Text2TextSentence::text).orElse(null));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", record.id().toString());
        record.metadata().forEach((key, value) ->
                row.put(fields.containsKey(key) || "id".equals(key) ? "metadata." + key : key, value));
        row.putAll(fields);
        return row;
    }
}

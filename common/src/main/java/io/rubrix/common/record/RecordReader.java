package io.rubrix.common.record;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.json.JsonPaths;
import io.rubrix.common.record.text.TextClassificationRecord;
import io.rubrix.common.record.text2text.Text2TextRecord;
import io.rubrix.common.record.token.TokenClassificationRecord;
import io.rubrix.common.validation.Violation;

/**
 * Reads one record of a task from JSON and validates it, so that one bad record of a batch is reported
 * on its own instead of failing the whole batch.
 */
public final class RecordReader {

    private final ObjectMapper mapper;

    public RecordReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static Class<? extends TaskRecord> typeOf(Task task) {
        return switch (task) {
            case TextClassification -> TextClassificationRecord.class;
            case TokenClassification -> TokenClassificationRecord.class;
            case Text2Text -> Text2TextRecord.class;
        };
    }

    /** The record, with an id, or the rules it breaks (a value of the wrong type, or a task rule). */
    public Parsed read(Task task, JsonNode json) {
        if (json == null || !json.isObject()) {
            return Parsed.invalid(null, List.of(new Violation("record", "must be a JSON object")));
        }
        String rawId = json.hasNonNull("id") ? json.get("id").asText() : null;
        TaskRecord record;
        try {
            record = mapper.treeToValue(json, typeOf(task));
        } catch (JsonMappingException e) {
            return Parsed.invalid(rawId, List.of(new Violation(JsonPaths.of(e), JsonPaths.reason(e))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Parsed.invalid(rawId, List.of(new Violation("record", e.getMessage())));
        }
        List<Violation> violations = record.violations();
        return violations.isEmpty() ? Parsed.valid(record.withIdIfMissing()) : Parsed.invalid(rawId, violations);
    }

    /** The outcome of reading one record: either {@code record} or {@code violations} (with the id, if it had one). */
    public record Parsed(TaskRecord record, String id, List<Violation> violations) {

        static Parsed valid(TaskRecord record) {
            return new Parsed(record, record.id().value(), List.of());
        }

        static Parsed invalid(String id, List<Violation> violations) {
            return new Parsed(null, id, List.copyOf(violations));
        }

        public boolean isValid() {
            return record != null;
        }
    }
}

package io.rubrix.model.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.rubrix.model.json.JsonPaths;
import io.rubrix.model.record.text.TextClassificationReader;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.validation.Violation;

/**
 * Reads one record of a task from JSON and validates it, so that one bad record of a batch is reported
 * on its own instead of failing the whole batch.
 */
public final class RecordReader {

    private final ObjectMapper mapper;
    private final Map<Task, ObjectReader> readers = new EnumMap<>(Task.class);

    public RecordReader(ObjectMapper mapper) {
        this.mapper = mapper;
        for (Task task : Task.values()) {
            readers.put(task, mapper.readerFor(typeOf(task)));
        }
    }

    public static Class<? extends TaskRecord> typeOf(Task task) {
        return switch (task) {
            case TextClassification -> TextClassificationRecord.class;
            case TokenClassification -> TokenClassificationRecord.class;
            case Text2Text -> Text2TextRecord.class;
        };
    }

    /**
     * The record at {@code parser}'s current token (a record in a stream of them read from {@code source}), with
     * an id, or the rules it breaks (a value of the wrong type, or a task rule). It is bound straight from the
     * stream; the parser is left on the value's last token, also when the record fails (the rest of it is
     * skipped, and its id read again from its bytes).
     */
    public Parsed read(Task task, JsonParser parser, byte[] source) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return notAnObject();
        }
        JsonStreamContext around = parser.getParsingContext().getParent();
        long start = parser.currentTokenLocation().getByteOffset();
        if (task == Task.TextClassification) {
            TextClassificationRecord read = TextClassificationReader.read(parser);
            if (read != null) {
                return validated(read);
            }
            long end = skipRest(parser, around);
            return bound(task, source, start, end);
        }
        try {
            return validated(readers.get(task).readValue(parser));
        } catch (JsonMappingException | IllegalArgumentException e) { // malformed JSON fails the whole stream
            long end = skipRest(parser, around);
            return Parsed.invalid(idIn(source, start, end), List.of(violationOf(e)));
        }
    }

    /** The record in {@code source} from {@code start} to {@code end}, bound by Jackson. */
    private Parsed bound(Task task, byte[] source, long start, long end) throws IOException {
        try {
            return validated(readers.get(task).readValue(source, (int) start, (int) (end - start)));
        } catch (JsonMappingException | IllegalArgumentException e) {
            return Parsed.invalid(idIn(source, start, end), List.of(violationOf(e)));
        }
    }

    /** Moves the parser to the end of the record it is in; answers the offset just past it. */
    private static long skipRest(JsonParser parser, JsonStreamContext around) throws IOException {
        while (!(parser.currentToken() == JsonToken.END_OBJECT && parser.getParsingContext() == around)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "unexpected end of the records");
            }
        }
        return parser.currentTokenLocation().getByteOffset() + 1;
    }

    /** Each record of the array at {@code parser}'s current token, read as {@link #read(Task, JsonParser, byte[])}. */
    public List<Parsed> readAll(Task task, JsonParser parser, byte[] source) throws IOException {
        List<Parsed> parsed = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parsed.add(read(task, parser, source));
        }
        return parsed;
    }

    private static Parsed validated(TaskRecord record) {
        List<Violation> violations = record.violations();
        Optional<Violation> idViolation = record.id() == null ? Optional.empty() : record.id().violation();
        if (idViolation.isPresent()) {
            violations = new ArrayList<>(violations);
            violations.add(0, idViolation.get());
        }
        return violations.isEmpty() ? Parsed.valid(record.withIdIfMissing())
                : Parsed.invalid(record.id() == null ? null : record.id().value(), violations);
    }

    private static Violation violationOf(Exception e) {
        return e instanceof JsonMappingException mapping
                ? new Violation(JsonPaths.of(mapping), JsonPaths.reason(mapping))
                : new Violation("record", e.getMessage());
    }

    private String idIn(byte[] source, long start, long end) {
        try {
            JsonNode json = mapper.readTree(source, (int) start, (int) (end - start));
            return json.hasNonNull("id") ? json.get("id").asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Parsed notAnObject() {
        return Parsed.invalid(null, List.of(new Violation("record", "must be a JSON object")));
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

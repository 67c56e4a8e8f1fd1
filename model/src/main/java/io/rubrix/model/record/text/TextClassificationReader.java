package io.rubrix.model.record.text;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.rubrix.model.record.PredictionStatus;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Timestamps;

/**
 * Reads a text-classification record token by token when it has the shapes clients send: the record Jackson
 * binds from the same tokens ({@code TextClassificationReaderTest} compares both over generated records),
 * without its creator and property buffers, which were a quarter of the ingest service's time per record. At
 * anything else (a value of another JSON type than expected, a field given twice, an explanation, an unknown
 * status) it gives up, answering {@code null}, and the caller has Jackson bind the record again from its bytes:
 * Jackson then decides what the record is, or names what is wrong with it, as it always did.
 */
public final class TextClassificationReader {

    private TextClassificationReader() {
    }

    /**
     * The record whose {@code START_OBJECT} is the parser's current token, or {@code null} when it is not in the
     * shapes read here (the parser is then somewhere inside it). Malformed JSON fails as it does with Jackson.
     */
    public static TextClassificationRecord read(JsonParser parser) throws IOException {
        return new Fields().read(parser);
    }

    /** The fields met so far; a field met twice makes the reader give up (Jackson's rule for it is its own). */
    private static final class Fields {

        private RecordId id;
        private Map<String, Object> metadata;
        private Instant eventTimestamp;
        private RecordStatus status;
        private TextClassificationAnnotation prediction;
        private TextClassificationAnnotation annotation;
        private Map<String, Object> inputs;
        private boolean multiLabel;
        private Instant lastUpdated;
        private PredictionStatus predicted;
        private int seen;

        TextClassificationRecord read(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!readField(name, value, parser)) {
                    return null;
                }
            }
            try {
                return new TextClassificationRecord(id, metadata, eventTimestamp, status, prediction, annotation,
                        inputs, multiLabel, null, lastUpdated, predicted);
            } catch (RuntimeException refused) {
                return null;
            }
        }

        /** Reads one field's value (unknown fields are ignored, as the record's annotations say); false: give up. */
        private boolean readField(String name, JsonToken value, JsonParser parser) throws IOException {
            boolean absent = value == JsonToken.VALUE_NULL;
            return switch (name) {
                case "id" -> first(1) && (absent || (id = id(value, parser)) != null);
                case "metadata" -> first(2) && (absent || (metadata = object(value, parser)) != null);
                case "event_timestamp" -> first(4) && (absent || (eventTimestamp = instant(value, parser)) != null);
                case "status" -> first(8) && (absent || (status = named(RecordStatus.values(), value, parser)) != null);
                case "prediction" -> first(16) && (absent || (prediction = labelling(value, parser)) != null);
                case "annotation" -> first(32) && (absent || (annotation = labelling(value, parser)) != null);
                case "inputs" -> first(64) && (absent || (inputs = object(value, parser)) != null);
                case "multi_label" -> first(128) && multiLabel(value);
                case "explanation" -> first(256) && absent; // an explanation is left to Jackson
                case "last_updated" -> first(512) && (absent || (lastUpdated = instant(value, parser)) != null);
                case "predicted" -> first(1024)
                        && (absent || (predicted = named(PredictionStatus.values(), value, parser)) != null);
                default -> {
                    parser.skipChildren();
                    yield true;
                }
            };
        }

        /** False when the field was met before: Jackson's rule for a field given twice is its own. */
        private boolean first(int field) {
            boolean first = (seen & field) == 0;
            seen |= field;
            return first;
        }

        /** Only a JSON boolean: a null for the primitive, or a text, follows Jackson's coercion rules. */
        private boolean multiLabel(JsonToken value) {
            multiLabel = value == JsonToken.VALUE_TRUE;
            return value.isBoolean();
        }
    }

    private static RecordId id(JsonToken value, JsonParser parser) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return RecordId.of(parser.getText());
        }
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return new RecordId(parser.getNumberValue().toString(), true);
        }
        return null;
    }

    private static Instant instant(JsonToken value, JsonParser parser) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        try {
            return Timestamps.parse(parser.getText());
        } catch (RuntimeException unreadable) { // Jackson names what is wrong with it
            return null;
        }
    }

    /** The constant named by a string, as Jackson reads an enum; {@code null} for anything else. */
    private static <E extends Enum<E>> E named(E[] constants, JsonToken value, JsonParser parser) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        String name = parser.getText();
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /** {@code {"agent": ..., "labels": [{"class": ..., "confidence": ...}]}}, with the aliases the record takes. */
    private static TextClassificationAnnotation labelling(JsonToken value, JsonParser parser) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        String agent = null;
        List<ClassPrediction> labels = null;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("agent".equals(name)) {
                if ((seen & 1) != 0 || !(token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL)) {
                    return null;
                }
                seen |= 1;
                agent = token == JsonToken.VALUE_NULL ? null : parser.getText();
            } else if ("labels".equals(name)) {
                if ((seen & 2) != 0 || !(token == JsonToken.START_ARRAY || token == JsonToken.VALUE_NULL)) {
                    return null;
                }
                seen |= 2;
                if (token == JsonToken.START_ARRAY && (labels = labels(parser)) == null) {
                    return null;
                }
            } else {
                parser.skipChildren();
            }
        }
        return new TextClassificationAnnotation(agent, labels);
    }

    private static List<ClassPrediction> labels(JsonParser parser) throws IOException {
        List<ClassPrediction> labels = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String label = null;
            Double confidence = null;
            int seen = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("class".equals(name) || "class_label".equals(name)) {
                    if ((seen & 1) != 0 || !(token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL)) {
                        return null;
                    }
                    seen |= 1;
                    label = token == JsonToken.VALUE_NULL ? null : parser.getText();
                } else if ("confidence".equals(name) || "score".equals(name)) {
                    if ((seen & 2) != 0 || !(token.isNumeric() || token == JsonToken.VALUE_NULL)) {
                        return null;
                    }
                    seen |= 2;
                    confidence = token == JsonToken.VALUE_NULL ? null : parser.getDoubleValue();
                } else {
                    parser.skipChildren();
                }
            }
            labels.add(new ClassPrediction(label, confidence));
        }
        return parser.currentToken() == JsonToken.END_ARRAY ? labels : null; // a null or a non-object label
    }

    /** A JSON object as Jackson reads one into {@code Map<String, Object>}: maps, lists, and plain values. */
    private static Map<String, Object> object(JsonToken value, JsonParser parser) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, value(parser.nextToken(), parser));
        }
        return object;
    }

    /** An Integer, a Long or a BigInteger, the smallest that holds it, as Jackson's untyped reading gives. */
    private static Number integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> parser.getIntValue();
            case LONG -> parser.getLongValue();
            default -> parser.getBigIntegerValue();
        };
    }

    private static Object value(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_OBJECT -> object(token, parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(item, parser));
                }
                yield list;
            }
            default -> null;
        };
    }
}

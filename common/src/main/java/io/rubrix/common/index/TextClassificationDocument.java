package io.rubrix.common.index;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;

/**
 * The document of a text-classification record written field by field: the same bytes that Jackson's bean
 * serializers write from the record's annotations and then from its {@link DerivedFields}
 * ({@code TextClassificationDocumentTest} compares both over generated records), without their reflection and
 * serializer lookups, which were a quarter of the ingest service's time per record. Text classification is
 * what streams in by the hundred thousand; the other tasks, and records with an explanation, go through
 * Jackson's serializers.
 */
final class TextClassificationDocument {

    private TextClassificationDocument() {
    }

    static boolean handles(TextClassificationRecord record) {
        return record.explanation().isEmpty();
    }

    static void write(JsonGenerator json, TextClassificationRecord record, DerivedFields derived, JsonNode team)
            throws IOException {
        json.writeStartObject();
        writeId(json, record.id());
        writeMap(json, "metadata", record.metadata());
        writeInstant(json, "event_timestamp", record.eventTimestamp());
        json.writeStringField("status", record.status().name());
        writeLabelling(json, "prediction", record.prediction());
        writeLabelling(json, "annotation", record.annotation());
        byte[] text = escapedOnce(record.inputs(), derived.words());
        if (text != null) {
            json.writeObjectFieldStart("inputs");
            json.writeFieldName(record.inputs().keySet().iterator().next());
            json.writeRawUTF8String(text, 0, text.length);
            json.writeEndObject();
        } else {
            writeMap(json, "inputs", record.inputs());
        }
        json.writeBooleanField("multi_label", record.multiLabel());
        writeInstant(json, "last_updated", record.lastUpdated());
        if (record.predicted() != null) {
            json.writeStringField("predicted", record.predicted().name());
        }
        writeTexts(json, "predicted_as", derived.predictedAs());
        writeTexts(json, "annotated_as", derived.annotatedAs());
        writeTexts(json, "predicted_by", derived.predictedBy());
        writeTexts(json, "annotated_by", derived.annotatedBy());
        if (derived.score() != null) {
            json.writeNumberField("score", derived.score());
        }
        if (text != null) {
            json.writeFieldName("words");
            json.writeRawUTF8String(text, 0, text.length);
        } else if (derived.words() != null) {
            json.writeStringField("words", derived.words());
        }
        if (derived.textLength() != null) {
            json.writeNumberField("text_length", derived.textLength());
        }
        if (team != null) {
            json.writeFieldName(RecordDocument.TEAM);
            json.writeTree(team);
        }
        json.writeEndObject();
    }

    /**
     * A record's one text, which is also its {@code words}, escaped once for both fields: it is most of the
     * document's bytes. Null for any other inputs, and for a text outside the Basic Multilingual Plane (the
     * generator escapes those characters as surrogate pairs, the encoder writes them as 4 UTF-8 bytes; a lone
     * surrogate, the encoder refuses): the generator writes those, or refuses them, as it would anyway.
     */
    private static byte[] escapedOnce(Map<String, Object> inputs, String words) {
        if (inputs.size() != 1 || words == null || !(inputs.values().iterator().next() instanceof String text)
                || !text.equals(words)) {
            return null;
        }
        byte[] escaped;
        try {
            escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        } catch (IllegalArgumentException refused) {
            return null;
        }
        for (byte b : escaped) {
            if ((b & 0xF8) == 0xF0) { // the first of 4 bytes
                return null;
            }
        }
        return escaped;
    }

    /** As {@link RecordId}'s JSON value, left out when empty as the record's inclusion rule (non-empty) says. */
    private static void writeId(JsonGenerator json, RecordId id) throws IOException {
        if (id == null) {
            return;
        }
        if (id.numeric()) {
            json.writeNumberField("id", Long.parseLong(id.value()));
        } else if (!id.value().isEmpty()) {
            json.writeStringField("id", id.value());
        }
    }

    private static void writeInstant(JsonGenerator json, String field, Instant instant) throws IOException {
        if (instant != null) {
            json.writeStringField(field, Timestamps.format(instant));
        }
    }

    private static void writeLabelling(JsonGenerator json, String field, TextClassificationAnnotation labelling)
            throws IOException {
        if (labelling == null) {
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeStringField("agent", labelling.agent());
        json.writeArrayFieldStart("labels");
        for (ClassPrediction label : labelling.labels()) {
            if (label == null) {
                json.writeNull();
                continue;
            }
            json.writeStartObject();
            json.writeStringField("class", label.label());
            json.writeNumberField("confidence", label.confidence());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeMap(JsonGenerator json, String field, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            json.writeFieldName(entry.getKey());
            writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    /** The values JSON reading makes by hand; anything else through the generator's mapper, as Jackson would. */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeObject(value);
        }
    }

    private static void writeTexts(JsonGenerator json, String field, List<String> texts) throws IOException {
        json.writeArrayFieldStart(field);
        for (String text : texts) {
            json.writeString(text);
        }
        json.writeEndArray();
    }
}

package io.rubrix.ingest.kafka;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.kafka.RecordEnvelope;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.validation.Violation;

/**
 * A message of the records topic ({@link RecordEnvelope}) read in one pass: each record is bound and validated
 * as the parser meets it, never built as a tree (as the HTTP bulk reads its body). The task must be known to
 * bind a record: an envelope that names it after its records is read a second time.
 */
final class EnvelopeReader {

    /** An envelope as read: where its records go, and each record or what is wrong with it. */
    record Envelope(String workspace, String dataset, Task task, boolean hasRecord, boolean hasRecords,
            List<RecordReader.Parsed> records) {

        List<Violation> violations() {
            return RecordEnvelope.violations(workspace, dataset, task, hasRecord, hasRecords);
        }
    }

    private final ObjectMapper json;
    private final RecordReader records;

    EnvelopeReader(ObjectMapper json) {
        this.json = json;
        this.records = new RecordReader(json);
    }

    /** Fails with an {@link IOException} when the message is not JSON or not an envelope's shape. */
    Envelope read(byte[] message) throws IOException {
        Pass first = new Pass(null);
        first.read(message);
        if (!first.recordsSkipped || first.task == null) {
            return first.envelope();
        }
        Pass second = new Pass(first.task);
        second.read(message);
        return second.envelope();
    }

    /** One reading of the message; records are bound only once the task is known. */
    private final class Pass {

        private String workspace;
        private String dataset;
        private Task task;
        private boolean hasRecord;
        private boolean hasRecords;
        private List<RecordReader.Parsed> parsed = List.of();
        private boolean recordsSkipped;

        Pass(Task task) {
            this.task = task;
        }

        void read(byte[] message) throws IOException {
            try (JsonParser parser = json.getFactory().createParser(message)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new JsonParseException(parser, "must be a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (field) {
                        case "workspace" -> workspace = text(parser, field);
                        case "dataset" -> dataset = text(parser, field);
                        case "task" -> task = task == null && value != JsonToken.VALUE_NULL
                                ? json.readValue(parser, Task.class) : task;
                        case "record" -> record(parser, message);
                        case "records" -> records(parser, message);
                        default -> parser.skipChildren();
                    }
                }
            }
        }

        private void record(JsonParser parser, byte[] message) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            hasRecord = true;
            if (task == null) {
                parser.skipChildren();
                recordsSkipped = true;
                return;
            }
            parsed = List.of(records.read(task, parser, message));
        }

        private void records(JsonParser parser, byte[] message) throws IOException {
            JsonToken value = parser.currentToken();
            if (value == JsonToken.VALUE_NULL) {
                return;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new JsonParseException(parser, "records: must be a list of records");
            }
            hasRecords = true;
            if (task == null) {
                parser.skipChildren();
                recordsSkipped = true;
                return;
            }
            parsed = records.readAll(task, parser, message);
        }

        private static String text(JsonParser parser, String field) throws IOException {
            if (parser.currentToken().isStructStart()) {
                throw new JsonParseException(parser, field + ": must be a string");
            }
            return parser.getValueAsString();
        }

        Envelope envelope() {
            return new Envelope(workspace, dataset, task, hasRecord, hasRecords, parsed);
        }
    }
}

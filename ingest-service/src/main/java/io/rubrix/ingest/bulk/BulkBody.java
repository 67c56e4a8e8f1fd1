package io.rubrix.ingest.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.JsonPaths;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;

/**
 * The body of a bulk ({@link BulkRequest}) read in one pass: each record is bound and validated as the parser
 * meets it, never built as a tree. Malformed JSON fails with Jackson's exception (400).
 */
record BulkBody(Map<String, String> tags, Map<String, Object> metadata, List<RecordReader.Parsed> records) {

    static final class Reader {

        private final ObjectMapper json;
        private final RecordReader records;
        private final ObjectReader tags;
        private final ObjectReader metadata;
        private final int maxRecords;

        Reader(ObjectMapper json, int maxRecords) {
            this.json = json;
            this.maxRecords = maxRecords;
            this.records = new RecordReader(json);
            this.tags = json.readerFor(new TypeReference<Map<String, String>>() { });
            this.metadata = json.readerFor(new TypeReference<Map<String, Object>>() { });
        }

        BulkBody read(Task task, byte[] body) throws IOException {
            Map<String, String> tagValues = null;
            Map<String, Object> metadataValues = null;
            List<RecordReader.Parsed> parsed = null;
            try (JsonParser parser = json.getFactory().createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw ApiException.badRequest("records", "is required: a list of records");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (field) {
                        case "tags" -> tagValues = value == JsonToken.VALUE_NULL ? null : field(tags, parser, field);
                        case "metadata" -> metadataValues = value == JsonToken.VALUE_NULL ? null
                                : field(metadata, parser, field);
                        case "records" -> parsed = value == JsonToken.START_ARRAY
                                ? records(task, parser, body) : null;
                        default -> { }
                    }
                    parser.skipChildren(); // a value not read above (no-op after a value read whole)
                }
                if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                    throw ApiException.badRequest("body", "must be one JSON object");
                }
            }
            if (parsed == null) {
                throw ApiException.badRequest("records", "is required: a list of records");
            }
            return new BulkBody(tagValues, metadataValues, parsed);
        }

        /**
         * The records, refused whole past {@code maxRecords}: parsed, a bulk takes several times its size in memory, and
         * 92,000 small records in 64 MB ran the service out of heap.
         */
        private List<RecordReader.Parsed> records(Task task, JsonParser parser, byte[] body) throws IOException {
            List<RecordReader.Parsed> parsed = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parsed.size() == maxRecords) {
                    throw ApiException.payloadTooLarge("records: a bulk takes at most " + maxRecords
                            + " records; send them in chunks (the Rubrix client sends 500 at a time: rb.log's chunk_size)");
                }
                parsed.add(records.read(task, parser, body));
            }
            return parsed;
        }

        private static <T> T field(ObjectReader reader, JsonParser parser, String name) throws IOException {
            try {
                return reader.readValue(parser);
            } catch (JsonMappingException e) {
                throw ApiException.badRequest(name, JsonPaths.reason(e));
            }
        }

    }
}

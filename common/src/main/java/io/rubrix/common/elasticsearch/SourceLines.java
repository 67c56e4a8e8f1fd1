package io.rubrix.common.elasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A page of search hits turned into newline-delimited JSON without building a tree per record: each hit's
 * {@code _source} is copied token by token onto its own line, and only the last hit's {@code sort} values (to
 * ask for the next page) are read as a tree. This is the export's hot path.
 */
public record SourceLines(byte[] ndjson, int count, JsonNode lastSort) {

    /** Reads a search answer filtered to {@code hits.hits._source,hits.hits.sort}. */
    public static SourceLines read(ObjectMapper json, byte[] answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length);
        int count = 0;
        JsonNode lastSort = null;
        try (JsonParser parser = json.getFactory().createParser(answer);
                JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.setRootValueSeparator(null);
            if (parser.nextToken() != JsonToken.START_OBJECT || !enter(parser, "hits", JsonToken.START_OBJECT)
                    || !enter(parser, "hits", JsonToken.START_ARRAY)) {
                return new SourceLines(new byte[0], 0, null);
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("_source".equals(field)) {
                        generator.copyCurrentStructure(parser);
                        generator.writeRaw('\n');
                        count++;
                    } else if ("sort".equals(field)) {
                        lastSort = parser.readValueAsTree();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        return new SourceLines(out.toByteArray(), count, lastSort);
    }

    /** The first {@code lines} lines of this page (a record's JSON never holds a raw newline). */
    public SourceLines first(long lines) {
        if (lines >= count) {
            return this;
        }
        int end = 0;
        for (long seen = 0; seen < lines; end++) {
            if (ndjson[end] == '\n') {
                seen++;
            }
        }
        return new SourceLines(java.util.Arrays.copyOf(ndjson, end), (int) lines, lastSort);
    }

    /** Moves into the value of {@code name} in the current object, if it is there and of the {@code expected} kind. */
    private static boolean enter(JsonParser parser, String name, JsonToken expected) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = name.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (wanted) {
                return value == expected;
            }
            parser.skipChildren();
        }
        return false;
    }
}

package io.rubrix.common.elasticsearch;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.buffer.Unpooled;
import io.rubrix.common.json.JsonFields;
import io.vertx.core.buffer.Buffer;

/**
 * A page of search hits turned into newline-delimited JSON without building a tree per record: each hit's
 * {@code _source} is copied onto its own line as the bytes Elasticsearch sent (the parser only finds where it ends),
 * and only the last hit's {@code sort} values (to ask for the next page) are read as a tree. This is the export's hot
 * path: copying token by token parsed every number and string and wrote it again, most of the export's CPU.
 */
public record SourceLines(byte[] bytes, int length, int count, JsonNode lastSort) {

    /**
     * Reads a search answer filtered to {@code hits.hits._source,hits.hits.sort}. The lines are written into one
     * array the answer's size (they are a part of it): no copy of a page is made on its way out ({@link #buffer}), a
     * megabyte per page that the export's small heap had to collect.
     */
    public static SourceLines read(ObjectMapper json, byte[] answer) throws IOException {
        Out out = new Out(new byte[answer.length]);
        int count = 0;
        JsonNode lastSort = null;
        try (JsonParser parser = json.getFactory().createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || !JsonFields.enter(parser, "hits", JsonToken.START_OBJECT)
                    || !JsonFields.enter(parser, "hits", JsonToken.START_ARRAY)) {
                return new SourceLines(new byte[0], 0, 0, null);
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("_source".equals(field)) {
                        copy(parser, answer, out);
                        count++;
                    } else if ("sort".equals(field)) {
                        lastSort = parser.readValueAsTree();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        return new SourceLines(out.bytes, out.length, count, lastSort);
    }

    /** The lines, as a Vert.x buffer over this page's bytes (not a copy). */
    public Buffer buffer() {
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
    }

    /** The lines, as an array of their own length. */
    public byte[] ndjson() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    /** Where the next line goes: a page's lines are never longer than its answer. */
    private static final class Out {
        private final byte[] bytes;
        private int length;

        Out(byte[] bytes) {
            this.bytes = bytes;
        }

        void write(byte[] from, int offset, int count) {
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }

        void write(char c) {
            bytes[length++] = (byte) c;
        }
    }

    /**
     * Copies the value the parser is at, as it is in {@code answer}, and a newline. A line break between its tokens
     * (a record indexed pretty-printed) becomes a space: inside a JSON string there is none, so nothing else changes.
     */
    private static void copy(JsonParser parser, byte[] answer, Out out) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
        int from = start;
        for (int i = start; i < end; i++) {
            if (answer[i] == '\n' || answer[i] == '\r') {
                out.write(answer, from, i - from);
                out.write(' ');
                from = i + 1;
            }
        }
        out.write(answer, from, end - from);
        out.write('\n');
    }

    /** The first {@code lines} lines of this page (a record's JSON never holds a raw newline). */
    public SourceLines first(long lines) {
        if (lines >= count) {
            return this;
        }
        int end = 0;
        for (long seen = 0; seen < lines; end++) {
            if (bytes[end] == '\n') {
                seen++;
            }
        }
        return new SourceLines(bytes, end, (int) lines, lastSort);
    }
}

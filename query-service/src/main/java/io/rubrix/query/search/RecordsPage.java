package io.rubrix.query.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.json.JsonFields;
import io.rubrix.common.json.RawJson;
import io.rubrix.model.record.RecordVersion;

/**
 * A search's page of hits as the records of a {@code :search} answer, without a tree per record: each hit's
 * {@code _source} is copied as the bytes Elasticsearch sent, its {@code version} and {@code highlight} added at its
 * end; only the highlights and the last hit's sort values are read as trees. Parsing every hit into a tree and
 * writing it again (every number and string) was a third of query-service's CPU per search (ADR 0003).
 * The internal fields are not in the sources: the search leaves them out ({@link SearchService#INTERNAL_FIELDS}).
 */
record RecordsPage(long total, RawJson records, int count, JsonNode lastSort) {

    /** The search answer that begins at {@code start} of {@code answer} (0, or where an {@code _msearch}'s does). */
    static RecordsPage read(ObjectMapper json, byte[] answer, int start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length);
        out.write('[');
        long total = 0;
        int count = 0;
        JsonNode lastSort = null;
        try (JsonParser parser = json.getFactory().createParser(answer, start, answer.length - start)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || !JsonFields.enter(parser, "hits", JsonToken.START_OBJECT)) {
                return new RecordsPage(0, RawJson.EMPTY_ARRAY, 0, null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("total".equals(field)) {
                    total = value == JsonToken.START_OBJECT ? parser.<JsonNode>readValueAsTree().path("value").asLong()
                            : parser.getValueAsLong();
                } else if ("hits".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Hit hit = Hit.read(parser, start);
                        if (count++ > 0) {
                            out.write(',');
                        }
                        hit.writeRecord(json, answer, out);
                        lastSort = hit.sort;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        out.write(']');
        return new RecordsPage(total, new RawJson(out.toByteArray()), count, lastSort);
    }

    /** One hit: where its source is in the answer, its version, highlights and sort values. */
    private static final class Hit {
        private int sourceStart = -1;
        private int sourceEnd;
        private long seqNo;
        private long primaryTerm;
        private JsonNode highlight;
        private JsonNode sort;

        /** {@code start}: where the parser's input begins in the answer (its offsets count from there). */
        static Hit read(JsonParser parser, int start) throws IOException {
            Hit hit = new Hit();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "_source" -> {
                        hit.sourceStart = start + (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        // its closing brace
                        hit.sourceEnd = start + (int) parser.currentTokenLocation().getByteOffset();
                    }
                    case "_seq_no" -> hit.seqNo = parser.getLongValue();
                    case "_primary_term" -> hit.primaryTerm = parser.getLongValue();
                    case "highlight" -> hit.highlight = parser.readValueAsTree();
                    case "sort" -> hit.sort = parser.readValueAsTree();
                    default -> parser.skipChildren();
                }
            }
            return hit;
        }

        /** The source without its closing brace, then {@code "version"} and {@code "highlight"}, then the brace. */
        void writeRecord(ObjectMapper json, byte[] answer, ByteArrayOutputStream out) throws IOException {
            boolean empty = true;
            if (sourceStart >= 0) {
                out.write(answer, sourceStart, sourceEnd - sourceStart);
                for (int i = sourceStart + 1; i < sourceEnd && empty; i++) {
                    empty = Character.isWhitespace(answer[i]);
                }
            } else {
                out.write('{');
            }
            String version = (empty ? "" : ",") + "\"version\":\"" + new RecordVersion(primaryTerm, seqNo) + "\"";
            out.write(version.getBytes(StandardCharsets.UTF_8));
            if (highlight != null) {
                out.write(",\"highlight\":".getBytes(StandardCharsets.UTF_8));
                out.write(json.writeValueAsBytes(Highlights.answer(json, highlight)));
            }
            out.write('}');
        }
    }
}

package io.rubrix.common.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

class SourceLinesTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void copiesEachSourceOntoItsLineAndKeepsTheLastSortValues() throws Exception {
        String answer = "{\"hits\":{\"hits\":["
                + "{\"_source\":{\"id\":\"a\",\"inputs\":{\"text\":\"two\\nlines \\u00e9t\\u00e9 \\\"quoted\\\"\"},\"score\":0.125,"
                + "\"metadata\":{\"n\":12345678901234,\"tags\":[1,2.5,null,true]}},\"sort\":[17]},"
                + "{\"sort\":[42,\"x\"],\"_source\":{\"id\":\"b\",\"prediction\":null}}]}}";
        SourceLines lines = SourceLines.read(json, bytes(answer));
        assertEquals(2, lines.count());
        assertEquals("{\"id\":\"a\",\"inputs\":{\"text\":\"two\\nlines \\u00e9t\\u00e9 \\\"quoted\\\"\"},\"score\":0.125,"
                + "\"metadata\":{\"n\":12345678901234,\"tags\":[1,2.5,null,true]}}\n"
                + "{\"id\":\"b\",\"prediction\":null}\n", new String(lines.ndjson(), StandardCharsets.UTF_8));
        assertEquals("[42,\"x\"]", lines.lastSort().toString());
        // each line is the source as a JSON value, as Elasticsearch sent it (escapes and numbers untouched)
        String[] split = new String(lines.ndjson(), StandardCharsets.UTF_8).split("\n");
        assertEquals("two\nlines été \"quoted\"", json.readTree(split[0]).path("inputs").path("text").asText());
    }

    @Test
    void aSourceIndexedPrettyPrintedStaysOnOneLineAndMultiByteTextKeepsItsOffsets() throws Exception {
        String answer = "{\"hits\":{\"hits\":[{\"_source\":{\n  \"id\": \"é-1\",\r\n  \"inputs\": {\"text\": \"日本語 ✓\"}\n},"
                + "\"sort\":[\"é-1\"]},{\"_source\":{\"id\":\"ü-2\",\"score\":1e-7},\"sort\":[\"ü-2\"]}]}}";
        SourceLines lines = SourceLines.read(json, bytes(answer));
        String[] split = new String(lines.ndjson(), StandardCharsets.UTF_8).split("\n");
        assertEquals(2, split.length);
        assertEquals("{   \"id\": \"é-1\",    \"inputs\": {\"text\": \"日本語 ✓\"} }", split[0]);
        assertEquals("日本語 ✓", json.readTree(split[0]).path("inputs").path("text").asText());
        assertEquals("{\"id\":\"ü-2\",\"score\":1e-7}", split[1]);
        assertEquals("[\"ü-2\"]", lines.lastSort().toString());
    }

    @Test
    void anAnswerWithoutHitsIsAnEmptyPage() throws Exception {
        for (String answer : new String[] {"{}", "{\"hits\":{\"hits\":[]}}", "{\"took\":3,\"hits\":{\"total\":0}}"}) {
            SourceLines lines = SourceLines.read(json, bytes(answer));
            assertEquals(0, lines.count(), answer);
            assertArrayEquals(new byte[0], lines.ndjson(), answer);
            assertNull(lines.lastSort(), answer);
        }
    }

    @Test
    void takesTheFirstLinesOfAPage() throws Exception {
        SourceLines lines = SourceLines.read(json, bytes("{\"hits\":{\"hits\":[{\"_source\":{\"id\":1},\"sort\":[1]},"
                + "{\"_source\":{\"id\":2},\"sort\":[2]},{\"_source\":{\"id\":3},\"sort\":[3]}]}}"));
        SourceLines two = lines.first(2);
        assertEquals(2, two.count());
        assertEquals("{\"id\":1}\n{\"id\":2}\n", new String(two.ndjson(), StandardCharsets.UTF_8));
        assertEquals(lines, lines.first(3));
        assertEquals(0, lines.first(0).count());
    }
}

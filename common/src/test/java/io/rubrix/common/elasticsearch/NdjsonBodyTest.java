package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.http.HttpEntity;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

class NdjsonBodyTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void writesOneJsonValuePerLine() {
        NdjsonBody body = new NdjsonBody().line(json, Map.of("index", Map.of("_id", "1"))).line(json, Map.of("a", 1));

        assertThat(body.toString()).isEqualTo("{\"index\":{\"_id\":\"1\"}}\n{\"a\":1}\n");
        assertThat(body.size()).isEqualTo(body.toString().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void writesBulkActionsWithAndWithoutAVersion() {
        NdjsonBody body = new NdjsonBody().action(json, "create", "records", "a\"1")
                .action(json, "index", "records", "2", 7, 1).action(json, "index", "rows", null);

        assertThat(body.toString()).isEqualTo("""
                {"create":{"_index":"records","_id":"a\\"1"}}
                {"index":{"_index":"records","_id":"2","if_seq_no":7,"if_primary_term":1}}
                {"index":{"_index":"rows"}}
                """);
    }

    @Test
    void mergesTheFieldsOfTwoObjectsIntoOneLine() {
        NdjsonBody body = new NdjsonBody().mergedLine(json, ordered("id", "r1", "text", "héllo"), ordered("words", "héllo"))
                .mergedLine(json, ordered("id", "r2"), Map.of());

        assertThat(body.toString()).isEqualTo("{\"id\":\"r1\",\"text\":\"héllo\",\"words\":\"héllo\"}\n{\"id\":\"r2\"}\n");
    }

    @Test
    void aBodyLargerThanOneBlockComesOutWholeAndInOrder() throws IOException {
        NdjsonBody body = new NdjsonBody();
        StringBuilder expected = new StringBuilder();
        String text = "ü".repeat(700); // two bytes per character: lines straddle block boundaries at odd offsets
        for (int i = 0; i < 300; i++) {
            body.mergedLine(json, ordered("id", i, "text", text), ordered("n", i));
            expected.append("{\"id\":").append(i).append(",\"text\":\"").append(text).append("\",\"n\":").append(i)
                    .append("}\n");
        }
        byte[] bytes = expected.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(4 * NdjsonBody.BLOCK);

        HttpEntity entity = body.entity();
        assertThat(entity.getContentLength()).isEqualTo(bytes.length);
        assertThat(entity.getContentType().getValue()).startsWith("application/x-ndjson");
        try (InputStream in = entity.getContent()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(bytes);
        assertThat(entity.isRepeatable()).isTrue();
        try (InputStream again = entity.getContent()) {
            assertThat(again.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aRecycledBodysBlocksServeTheNextBodyWithOnlyItsOwnBytes() throws IOException {
        NdjsonBody first = new NdjsonBody();
        String text = "x".repeat(3000);
        for (int i = 0; i < 100; i++) { // about 300 kB: five blocks full of x
            first.line(json, Map.of("text", text));
        }
        first.recycle();
        assertThat(first.size()).isZero();
        assertThat(first.toString()).isEmpty();

        NdjsonBody next = new NdjsonBody(); // takes the spare blocks, full of the first body's bytes past its own
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            next.mergedLine(json, ordered("id", i, "text", "y".repeat(2000)), ordered("n", i));
            expected.append("{\"id\":").append(i).append(",\"text\":\"").append("y".repeat(2000))
                    .append("\",\"n\":").append(i).append("}\n");
        }
        assertThat(next.toString()).isEqualTo(expected.toString());
        assertThat(next.size()).isEqualTo(expected.length());
        try (InputStream content = next.entity().getContent()) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
        assertThat(next.buffer().toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void mergesWhenTheClosingBraceOpensANewBlock() throws IOException {
        String text = "x".repeat(NdjsonBody.BLOCK - 7); // {"t":"..."} is BLOCK + 1 bytes: its brace starts block 2
        NdjsonBody body = new NdjsonBody().mergedLine(json, ordered("t", text), ordered("n", 1))
                .mergedLine(json, ordered("t", text), Map.of());

        String expected = "{\"t\":\"" + text + "\",\"n\":1}\n{\"t\":\"" + text + "\"}\n";
        try (InputStream in = body.entity().getContent()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        assertThat(body.size()).isEqualTo(expected.length());
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}

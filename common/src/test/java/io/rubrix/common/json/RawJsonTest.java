package io.rubrix.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Bytes written into an answer as they are, through Jackson's UTF-8 writer (bytes) and its text writer (a String). */
class RawJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theBytesAreTheValueAsTheyWere() throws Exception {
        RawJson records = raw("[{\"text\":\"caf\u00e9 \u2014 \ud83d\ude00\",\"score\":0.30000000000000004,\"n\":1e-7}]");
        Map<String, Object> answer = Map.of("records", records);

        String expected = "{\"records\":[{\"text\":\"caf\u00e9 \u2014 \ud83d\ude00\",\"score\":0.30000000000000004,\"n\":1e-7}]}";
        assertThat(new String(json.writeValueAsBytes(answer), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(json.writeValueAsString(answer)).isEqualTo(expected);
    }

    @Test
    void aValueLongerThanTheWritersBufferIsWrittenWhole() throws Exception {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            array.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"text\":\"\u00e9t\u00e9\"}");
        }
        String text = array.append(']').toString();
        Map<String, Object> answer = Map.of("total", 5_000, "records", raw(text));

        byte[] written = json.writeValueAsBytes(answer);

        assertThat(json.readTree(written).path("records").size()).isEqualTo(5_000);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains(text);
        assertThat(json.writeValueAsString(answer)).contains(text);
    }

    @Test
    void itsTextIsTheBytesDecoded() {
        assertThat(raw("[\"\u00e9\"]").text()).isEqualTo("[\"\u00e9\"]");
        assertThat(RawJson.EMPTY_ARRAY.text()).isEqualTo("[]");
    }

    private static RawJson raw(String text) {
        return new RawJson(text.getBytes(StandardCharsets.UTF_8));
    }
}

package io.rubrix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.json.RubrixJson;
import io.rubrix.common.record.text.TextClassificationRecord;

/** The SDK's classpath (this test's) has no Quarkus, and common's record model works without it. */
class PlainJavaClasspathTest {

    @Test
    void noQuarkusIsOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("io.quarkus.runtime.annotations.RegisterForReflection"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.smallrye.mutiny.Uni")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void recordsOfCommonAreReadAndWrittenWithoutIt() throws Exception {
        ObjectMapper json = RubrixJson.newMapper();
        TextClassificationRecord record = json.readValue("{\"id\":\"r1\",\"inputs\":{\"text\":\"hello\"},"
                + "\"prediction\":{\"agent\":\"m1\",\"labels\":[{\"class\":\"A\",\"confidence\":0.8}]},"
                + "\"event_timestamp\":\"2026-11-28T10:00:00\"}", TextClassificationRecord.class);
        assertThat(record.id().value()).isEqualTo("r1");
        assertThat(record.predictionAgent()).isEqualTo("m1");
        assertThat(record.violations()).isEmpty();
        String written = json.writeValueAsString(record);
        assertThat(json.readTree(written).path("event_timestamp").asText()).startsWith("2026-11-28T10:00:00");
        assertThat(json.readValue(written, TextClassificationRecord.class).inputs()).isEqualTo(Map.of("text", "hello"));
    }
}

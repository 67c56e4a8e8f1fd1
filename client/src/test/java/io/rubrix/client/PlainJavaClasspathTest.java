package io.rubrix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;

/**
 * The SDK is plain Java: no Quarkus artifact in any scope (the test class path holds every scope Maven resolves for
 * this module, the model's included), and the model's records work without it.
 */
class PlainJavaClasspathTest {

    @Test
    void noQuarkusArtifactIsOnTheClassPath() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        assertThat(classPath).as("the test class path").anyMatch(entry -> entry.contains("jackson-databind"));
        assertThat(classPath).filteredOn(entry -> entry.replace('\\', '/').contains("/io/quarkus/")
                || entry.contains("quarkus-")).isEmpty();
    }

    @Test
    void noQuarkusClassIsLoadable() {
        assertThatThrownBy(() -> Class.forName("io.quarkus.runtime.annotations.RegisterForReflection"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.smallrye.mutiny.Uni")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void recordsOfTheModelAreReadAndWrittenWithoutIt() throws Exception {
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

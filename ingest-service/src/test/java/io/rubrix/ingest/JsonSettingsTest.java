package io.rubrix.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JsonSettingsTest {

    @Inject
    ObjectMapper json;

    @Test
    void theServiceMapperReadsAndWritesNumbersWithJacksonsOwnCode() throws Exception {
        assertThat(json.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
        assertThat(json.getFactory().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER)).isTrue();
        assertThat(json.writeValueAsString(Map.of("confidence", 0.123, "tiny", 1.0E-4, "whole", 1.0)))
                .contains("\"confidence\":0.123").contains("\"tiny\":1.0E-4").contains("\"whole\":1.0");
        assertThat(json.readTree("{\"confidence\":0.30000000000000004}").get("confidence").doubleValue())
                .isEqualTo(0.1 + 0.2);
    }
}

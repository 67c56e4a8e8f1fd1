package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

class BulkAnswerTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void withoutErrorsTheItemsAreNotRead() throws IOException {
        BulkAnswer answer = read("{\"errors\":false,\"took\":5,\"items\":[{\"create\":{\"_index\":\"i\",\"_id\":\"1\","
                + "\"status\":201}}, this part is never parsed");

        assertThat(answer.errors()).isFalse();
        assertThat(answer.items()).isEmpty();
    }

    @Test
    void withErrorsEachItemsResultInTheOrderOfTheRequest() throws IOException {
        BulkAnswer answer = read("{\"took\":5,\"errors\":true,\"items\":["
                + "{\"create\":{\"_index\":\"i\",\"_id\":\"1\",\"status\":201,\"result\":\"created\"}},"
                + "{\"create\":{\"_index\":\"i\",\"_id\":\"2\",\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\","
                + "\"reason\":\"[2]: version conflict\"}}},"
                + "{\"index\":{\"_index\":\"i\",\"_id\":\"3\",\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}"
                + "],\"ingest_took\":0}");

        assertThat(answer.errors()).isTrue();
        assertThat(answer.items()).extracting(item -> item.path("_id").asText()).containsExactly("1", "2", "3");
        assertThat(answer.items()).extracting(item -> item.path("status").asInt()).containsExactly(201, 409, 429);
        JsonNode conflict = answer.items().get(1).path("error");
        assertThat(conflict.path("reason").asText()).isEqualTo("[2]: version conflict");
        assertThat(answer.firstError()).isEqualTo("[2]: version conflict");
    }

    @Test
    void anErrorWithoutReasonIsDescribedByItsWholeJson() throws IOException {
        BulkAnswer answer = read("{\"errors\":true,\"items\":[{\"index\":{\"_id\":\"3\",\"status\":429,"
                + "\"error\":{\"type\":\"es_rejected_execution_exception\"}}}]}");

        assertThat(answer.firstError()).isEqualTo("{\"type\":\"es_rejected_execution_exception\"}");
    }

    @Test
    void anAnswerThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> read("[]")).isInstanceOf(IOException.class);
    }

    private BulkAnswer read(String body) throws IOException {
        return BulkAnswer.read(json, body.getBytes(StandardCharsets.UTF_8));
    }
}

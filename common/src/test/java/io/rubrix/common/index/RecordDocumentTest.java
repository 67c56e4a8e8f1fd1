package io.rubrix.common.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;

/** A rewritten record keeps the team's work it was read with, whichever way its document is written. */
class RecordDocumentTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final JsonNode team = json.valueToTree(Map.of("responded_by", List.of("ana"), "answers", 1));

    @Test
    void theTeamIsWrittenBesideTheRecordOnTheFastPathAndThroughJackson() throws Exception {
        TextClassificationRecord text = json.convertValue(Map.of("id", "r1", "inputs", Map.of("text", "hello")),
                TextClassificationRecord.class);
        TextClassificationRecord explained = json.convertValue(Map.of("id", "r2", "inputs", Map.of("text", "hello"),
                "explanation", Map.of("text", List.of(Map.of("token", "hello", "attributions", Map.of("a", 0.5))))),
                TextClassificationRecord.class);
        TokenClassificationRecord tokens = json.convertValue(Map.of("id", "n1", "tokens", List.of("Ana"),
                "raw_text", "Ana"), TokenClassificationRecord.class);
        for (Object record : List.of(text, explained, tokens)) {
            JsonNode written = json.readTree(RecordDocument.json(json, (io.rubrix.model.record.TaskRecord) record, team));
            assertThat(written.path("team")).as(record.toString()).isEqualTo(team);
            assertThat(written.path("id").asText()).isNotEmpty();
            JsonNode without = json.readTree(RecordDocument.json(json, (io.rubrix.model.record.TaskRecord) record,
                    json.missingNode()));
            assertThat(without.has("team")).isFalse();
        }
    }
}

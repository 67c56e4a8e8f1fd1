package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static io.rubrix.ingest.bulk.BulkRequests.DATASETS;
import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.RECORDS;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.model.security.Roles;

/** What {@code :bulk} writes for the records of each task, and a bulk whose task is not its dataset's. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkTasksTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void logsTextClassificationRecordsWithDerivedFieldsAndCreatesTheDataset() {
        Map<String, Object> body = Map.of(
                "tags", Map.of("model", "zero-shot"),
                "metadata", Map.of("owner-team", "nlp"),
                "records", List.of(
                        textRecord("r1", "Stocks rally as markets rise", "Business", 0.8, "World", 0.2),
                        Map.of("id", "r2", "inputs", Map.of("title", "Cup final tonight", "body", "The match starts"),
                                "prediction", Map.of("agent", "zero-shot-v1", "labels", List.of(
                                        Map.of("class", "Sports", "confidence", 0.9))),
                                "metadata", Map.of("source", Map.of("feed", "bbc")),
                                "event_timestamp", "2026-11-28T10:00:00")));

        as(Roles.INGEST).body(body).post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(200)
                .body("dataset", equalTo("news"))
                .body("processed", equalTo(2))
                .body("failed", equalTo(0));

        assertThat(es.visibleCount(RECORDS + "news")).as("searchable when the call returns").isEqualTo(2);
        JsonNode r2 = es.source(RECORDS + "news", "r2");
        assertThat(r2.at("/predicted_as/0").asText()).isEqualTo("Sports");
        assertThat(r2.at("/predicted_by/0").asText()).isEqualTo("zero-shot-v1");
        assertThat(r2.get("score").asDouble()).isEqualTo(0.9);
        assertThat(r2.get("words").asText().split("\n")).containsExactlyInAnyOrder("Cup final tonight", "The match starts");
        assertThat(r2.get("metadata").get("source.feed").asText()).isEqualTo("bbc");
        assertThat(r2.get("event_timestamp").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(r2.get("status").asText()).isEqualTo("Default");
        assertThat(r2.has("last_updated")).isTrue();

        JsonNode dataset = es.source(DATASETS, "team-a.news");
        assertThat(dataset.get("task").asText()).isEqualTo("TextClassification");
        assertThat(dataset.get("workspace").asText()).isEqualTo("team-a");
        assertThat(dataset.get("owner").asText()).isEqualTo("team-a");
        assertThat(dataset.get("created_by").asText()).isEqualTo("model-bot");
        assertThat(dataset.at("/tags/model").asText()).isEqualTo("zero-shot");
        assertThat(dataset.at("/metadata/owner-team").asText()).isEqualTo("nlp");
    }

    @Test
    void logsTokenClassificationRecords() {
        Map<String, Object> record = Map.of("id", "t1", "tokens", List.of("Ana", "plays", "Muse"),
                "raw_text", "Ana plays Muse",
                "prediction", Map.of("agent", "spacy", "score", 0.7, "entities", List.of(
                        Map.of("start", 0, "end", 3, "label", "PER"), Map.of("start", 10, "end", 14, "label", "BAND"))));

        as(Roles.INGEST).body(Map.of("records", List.of(record))).post("/api/datasets/ner/TokenClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1)).body("failed", equalTo(0));

        JsonNode t1 = es.source(RECORDS + "ner", "t1");
        assertThat(t1.get("predicted_as").toString()).isEqualTo("[\"PER\",\"BAND\"]");
        assertThat(t1.get("score").asDouble()).isEqualTo(0.7);
        assertThat(t1.get("words").asText()).isEqualTo("Ana plays Muse");
    }

    @Test
    void logsText2TextRecords() {
        Map<String, Object> record = Map.of("id", 7, "text", "The cat sleeps.",
                "prediction", Map.of("agent", "t5", "sentences", List.of(Map.of("text", "Le chat dort.", "score", 0.6))));

        as(Roles.ADMIN).body(Map.of("records", List.of(record))).post("/api/datasets/mt/Text2Text:bulk")
                .then().statusCode(200).body("processed", equalTo(1));

        JsonNode stored = es.source(RECORDS + "mt", "7");
        assertThat(stored.get("id").isInt()).as("an integer id stays an integer").isTrue();
        assertThat(stored.get("score").asDouble()).isEqualTo(0.6);
        assertThat(stored.at("/predicted_by/0").asText()).isEqualTo("t5");
    }

    @Test
    void aBulkOfAnotherTaskNamesBothTasks() {
        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/typed/TextClassification:bulk")
                .then().statusCode(200);

        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/typed/TokenClassification:bulk")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("task: dataset 'typed' is a TextClassification dataset, not TokenClassification"))
                .body("errors[0].field", equalTo("task"));
    }

    @Test
    void anUnknownTaskIs400() {
        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/x/Summarization:bulk")
                .then().statusCode(400).body("detail", containsString("No task 'Summarization'"))
                .body("errors[0].field", equalTo("task"));
    }
}

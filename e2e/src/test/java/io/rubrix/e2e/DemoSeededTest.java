package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The README's run command seeded the demo: real mail, a trained model's predictions and explanations, some labels. */
class DemoSeededTest {

    private final String ana = Stack.token("ana", "ana-password");

    @Test
    void theSpamAssassinCorpusIsSearchableWithPredictionsExplanationsAndSomeLabels() {
        JsonNode all = search("spam-assassin", "TextClassification", "{}", 5);
        assertThat(all.path("total").asLong()).as("messages of the corpus").isEqualTo(6046);
        JsonNode status = all.path("aggregations").path("status");
        assertThat(status.path("Validated").asLong()).as("already labelled").isBetween(600L, 1200L);
        assertThat(all.path("aggregations").path("predicted_by").path("naive-bayes-v1").asLong()).isEqualTo(6046);
        assertThat(all.path("aggregations").path("predicted_as").path("spam").asLong()).isBetween(1500L, 2300L);

        JsonNode record = all.path("records").path(0);
        assertThat(record.path("inputs").path("text").asText()).isNotBlank();
        assertThat(record.path("explanation").path("text").size()).isPositive();
        assertThat(record.path("metadata").path("group").asText()).matches("(easy-ham|hard-ham|spam)-[12]");

        JsonNode money = search("spam-assassin", "TextClassification", "{\"query\":{\"query_text\":\"money\","
                + "\"annotated_as\":[\"spam\"]}}", 1);
        assertThat(money.path("total").asLong()).as("labelled spam about money").isPositive();
        assertThat(money.path("records").path(0).path("annotation").path("labels").path(0).path("class").asText())
                .isEqualTo("spam");
    }

    @Test
    void theSubjectsAreATokenClassificationDatasetWithTaggedEntities() {
        JsonNode subjects = search("spam-assassin-subjects", "TokenClassification", "{}", 50);
        assertThat(subjects.path("total").asLong()).isBetween(300L, 2000L);
        assertThat(subjects.path("aggregations").path("predicted_as").path("URL").asLong()).isPositive();
        assertThat(subjects.path("aggregations").path("predicted_as").path("MONEY").asLong()).isPositive();
    }

    private JsonNode search(String dataset, String task, String body, int limit) {
        var answer = RoleMatrixTest.call("POST", "/api/datasets/" + dataset + "/" + task + ":search?limit=" + limit,
                body, ana);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Stack.read(answer.body());
    }
}

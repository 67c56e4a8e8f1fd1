package io.rubrix.annotation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class RulesResourceTest {

    private static final String DATASETS = TestDatasets.PREFIX + ".datasets";
    private static final String RULES = "/api/datasets/mails/TextClassification/labeling/rules/";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final TestDatasets data = new TestDatasets();

    @BeforeEach
    void aDatasetWithRecordsInTeamA() {
        data.reset();
        data.dataset("team-a", "mails", Task.TextClassification, List.of());
        data.records("team-a", "mails", Task.TextClassification, List.of(
                TestDatasets.news("m1", "You are a winner of our prize", "spam", 0.9),
                TestDatasets.news("m2", "Meeting at noon", "ham", 0.8)));
    }

    @Test
    void anAnnotatorWritesARuleThatIsKeptInTheDescriptorAndReplacesItKeepingAuthorAndCreation() {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "winner OR prize", "labels", List.of("spam"),
                        "description", "lottery mails"))
                .put(RULES + "prize")
                .then().statusCode(201)
                .body("name", equalTo("prize"))
                .body("query", equalTo("winner OR prize"))
                .body("labels", contains("spam"))
                .body("author", equalTo("ana"));
        JsonNode first = es.source(DATASETS, "team-a.mails").at("/settings/rules/prize");
        assertThat(first.path("description").asText()).isEqualTo("lottery mails");

        as("cara", Roles.ADMIN).body(Map.of("query", "prize", "labels", List.of("spam")))
                .put(RULES + "prize")
                .then().statusCode(200)
                .body("author", equalTo("ana"))
                .body("description", nullValue());

        JsonNode replaced = es.source(DATASETS, "team-a.mails").at("/settings/rules/prize");
        assertThat(replaced.path("query").asText()).isEqualTo("prize");
        assertThat(replaced.path("description").isNull()).as("a replacement clears what it leaves out").isTrue();
        assertThat(replaced.path("author").asText()).isEqualTo("ana");
        assertThat(replaced.path("created_at").asText()).isEqualTo(first.path("created_at").asText());
        assertThat(replaced.path("updated_at").asText()).isNotEqualTo(first.path("updated_at").asText());
    }

    @Test
    void twoRulesWrittenOneAfterTheOtherAreBothKeptAndADeletedOneIsGone() {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "prize", "labels", List.of("spam"))).put(RULES + "prize")
                .then().statusCode(201);
        as("dan", Roles.ANNOTATOR).body(Map.of("query", "meeting", "labels", List.of("ham"))).put(RULES + "meeting")
                .then().statusCode(201);

        as("dan", Roles.ANNOTATOR).delete(RULES + "prize").then().statusCode(204);

        JsonNode rules = es.source(DATASETS, "team-a.mails").at("/settings/rules");
        assertThat(rules.path("prize").isNull()).isTrue();
        assertThat(rules.path("meeting").path("labels").toString()).isEqualTo("[\"ham\"]");
        as("dan", Roles.ANNOTATOR).delete(RULES + "prize").then().statusCode(404)
                .body("detail", containsString("Rule 'prize' not found"));
    }

    @Test
    void aQueryElasticsearchCannotReadIs400NamingTheQueryAndNothingIsKept() {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "subject:(prize", "labels", List.of("spam")))
                .put(RULES + "broken")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].reason", containsString("Elasticsearch cannot read this query"));
        assertThat(es.source(DATASETS, "team-a.mails").at("/settings/rules").isMissingNode()).isTrue();
    }

    @Test
    void badRulesAre400NamingTheField() {
        Map<String, Object> noLabels = new HashMap<>(Map.of("query", "prize"));
        as("ana", Roles.ANNOTATOR).body(noLabels).put(RULES + "prize")
                .then().statusCode(400).body("errors.field", contains("labels"));
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "prize", "labels", List.of("spam"))).put(RULES + "a,b")
                .then().statusCode(400).body("errors.field", contains("name"));
        as("ana", Roles.ANNOTATOR).body(Map.of("query", " ", "labels", List.of("spam", "spam"))).put(RULES + "x")
                .then().statusCode(400).body("errors.field", contains("query", "labels[1]"));
        given().auth().oauth2(TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a")).contentType(ContentType.JSON)
                .body(Map.of("query", "q", "labels", List.of("spam")))
                .put("/api/datasets/mails/Text2Text/labeling/rules/x")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
    }

    @Test
    void labelsOutsideTheSchemaAre400() {
        es.send("POST", "/" + DATASETS + "/_update/team-a.mails?refresh=true",
                Map.of("doc", Map.of("settings", Map.of("labels", List.of("spam", "ham")))));

        as("ana", Roles.ANNOTATOR).body(Map.of("query", "prize", "labels", List.of("promo")))
                .put(RULES + "promo")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("labels[0]"))
                .body("errors[0].reason", containsString("not in the dataset's label schema"));
    }

    @Test
    void viewersReviewersAndModelsMayNotWriteRulesAndOtherWorkspacesSeeNoDataset() {
        for (String role : List.of(Roles.VIEWER, Roles.REVIEWER, Roles.INGEST)) {
            as("someone", role).body(Map.of("query", "prize", "labels", List.of("spam"))).put(RULES + "prize")
                    .then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b")).contentType(ContentType.JSON)
                .body(Map.of("query", "prize", "labels", List.of("spam"))).put(RULES + "prize")
                .then().statusCode(404);
        assertThat(es.source(DATASETS, "team-a.mails").at("/settings/rules").isMissingNode()).isTrue();
    }

    private static RequestSpecification as(String user, String role) {
        return given().auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

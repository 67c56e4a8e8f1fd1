package io.rubrix.annotation.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;

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
class SettingsResourceTest {

    private static final String PREFIX = "rubrix-test-annotation";
    private static final String DATASETS = PREFIX + ".datasets";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void oneDatasetInTeamA() {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/" + DATASETS + "/_doc/team-a.news?refresh=true", Map.of("name", "news",
                "task", "TextClassification", "workspace", "team-a", "owner", "team-a", "tags", Map.of("env", "test")));
    }

    @Test
    void anAdminSetsTheLabelSchemaAndGuidelines() {
        as(Roles.ADMIN, "team-a").body(Map.of("labels", List.of("Business", "Sports"), "guidelines", "Pick the topic."))
                .put("/api/datasets/news/settings")
                .then().statusCode(200)
                .body("labels", contains("Business", "Sports"))
                .body("guidelines", equalTo("Pick the topic."));

        JsonNode stored = es.source(DATASETS, "team-a.news");
        assertThat(stored.at("/settings/labels").toString()).isEqualTo("[\"Business\",\"Sports\"]");
        assertThat(stored.at("/settings/guidelines").asText()).isEqualTo("Pick the topic.");
        assertThat(stored.at("/tags/env").asText()).as("the rest of the descriptor stays").isEqualTo("test");
    }

    @Test
    void newSettingsReplaceTheOldOnes() {
        as(Roles.ADMIN, "team-a").body(Map.of("labels", List.of("A", "B"), "guidelines", "old"))
                .put("/api/datasets/news/settings").then().statusCode(200);
        as(Roles.ADMIN, "team-a").body(Map.of("labels", List.of("C")))
                .put("/api/datasets/news/settings").then().statusCode(200);

        JsonNode stored = es.source(DATASETS, "team-a.news");
        assertThat(stored.at("/settings/labels").toString()).isEqualTo("[\"C\"]");
        assertThat(stored.at("/settings/guidelines").isNull()).isTrue();
    }

    @Test
    void duplicateOrEmptyLabelsAre400NamingThem() {
        as(Roles.ADMIN, "team-a").body(Map.of("labels", List.of("A", "", "A")))
                .put("/api/datasets/news/settings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("labels[1]", "labels[2]"))
                .body("errors[1].reason", equalTo("label 'A' appears more than once"));
    }

    @Test
    void aDatasetOfAnotherWorkspaceIs404() {
        as(Roles.ADMIN, "team-b").body(Map.of("labels", List.of("A")))
                .put("/api/datasets/news/settings")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("Dataset 'news' not found"));
    }

    @Test
    void withoutTokenTheCallerGets401AsProblemJson() {
        given().contentType(ContentType.JSON).body(Map.of("labels", List.of("A")))
                .put("/api/datasets/news/settings")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void annotatorsViewersAndModelsMayNotChangeSettings() {
        for (String role : List.of(Roles.ANNOTATOR, Roles.VIEWER, Roles.INGEST)) {
            as(role, "team-a").body(Map.of("labels", List.of("A")))
                    .put("/api/datasets/news/settings")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        assertThat(es.source(DATASETS, "team-a.news").has("settings")).isFalse();
    }

    @Test
    void theSchemaIsMadeFromTheLabelsAlreadySeenMostFrequentFirstKeepingTheGuidelines() {
        TestDatasets data = new TestDatasets().reset();
        data.dataset("team-a", "topics", Task.TextClassification, List.of("Weather"));
        data.records("team-a", "topics", Task.TextClassification, List.of(
                TestDatasets.news("r1", "Cup final", "Sports", 0.9),
                TestDatasets.news("r2", "Derby", "Sports", 0.8),
                Map.of("id", "r3", "inputs", Map.of("text", "Stocks"),
                        "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "Business"))))));
        es.send("POST", "/" + DATASETS + "/_update/team-a.topics?refresh=true",
                Map.of("doc", Map.of("settings", Map.of("labels", List.of("Weather"), "guidelines", "Be kind."))));

        as(Roles.ADMIN, "team-a").post("/api/datasets/topics/settings/schema-from-records")
                .then().statusCode(200)
                .body("labels", contains("Weather", "Sports", "Business"))
                .body("guidelines", equalTo("Be kind."));
        assertThat(es.source(DATASETS, "team-a.topics").at("/settings/labels").toString())
                .isEqualTo("[\"Weather\",\"Sports\",\"Business\"]");

        as(Roles.ANNOTATOR, "team-a").post("/api/datasets/topics/settings/schema-from-records").then().statusCode(403);
        data.dataset("team-a", "summaries", Task.Text2Text, List.of());
        as(Roles.ADMIN, "team-a").post("/api/datasets/summaries/settings/schema-from-records")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
    }

    private static RequestSpecification as(String role, String workspace) {
        return given().auth().oauth2(TestTokens.withRole("someone", role, workspace)).contentType(ContentType.JSON);
    }
}

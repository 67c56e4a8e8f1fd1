package io.rubrix.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class DatasetResourceTest {

    private static final String PREFIX = "rubrix-test-ingest";
    private static final String RECORDS = PREFIX + ".records.team-a.news";
    private static final String DATASETS = PREFIX + ".datasets";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void aDatasetWithTwoRecords() {
        es.deleteIndices(PREFIX + ".*");
        as(Roles.INGEST).body(Map.of("tags", Map.of("env", "prod"), "records", List.of(
                        Map.of("id", "1", "inputs", Map.of("text", "one")), Map.of("id", "2", "inputs", Map.of("text", "two")))))
                .post("/api/datasets/news/TextClassification:bulk").then().statusCode(200);
    }

    @Test
    void patchMergesTagsAndMetadata() {
        as(Roles.INGEST).body(Map.of("tags", Map.of("model", "v2"), "metadata", Map.of("source", "rss")))
                .patch("/api/datasets/news")
                .then().statusCode(200)
                .body("name", equalTo("news"))
                .body("task", equalTo("TextClassification"))
                .body("tags.env", equalTo("prod"))
                .body("tags.model", equalTo("v2"))
                .body("metadata.source", equalTo("rss"));

        JsonNode stored = es.source(DATASETS, "team-a.news");
        assertThat(stored.at("/tags/env").asText()).isEqualTo("prod");
        assertThat(stored.at("/tags/model").asText()).isEqualTo("v2");
    }

    @Test
    void patchOfAnUnknownOrForeignDatasetIs404() {
        as(Roles.INGEST).body(Map.of("tags", Map.of("a", "b"))).patch("/api/datasets/nope")
                .then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("eve", Roles.ADMIN, "team-b"))
                .contentType(ContentType.JSON).body(Map.of("tags", Map.of("a", "b"))).patch("/api/datasets/news")
                .then().statusCode(404).body("detail", containsString("not found"));
    }

    @Test
    void anAdminDeletesRecordsAndDescriptorAndDeletingAgainIsFine() {
        as(Roles.ADMIN).delete("/api/datasets/news").then().statusCode(200);

        assertThat(es.send("GET", "/" + RECORDS + "/_count", null).at("/error/type").asText())
                .isEqualTo("index_not_found_exception");
        assertThat(es.source(DATASETS, "team-a.news").isMissingNode()).isTrue();
        as(Roles.ADMIN).delete("/api/datasets/news").then().statusCode(200);
    }

    @Test
    void onlyAdminsDelete() {
        as(Roles.ANNOTATOR).delete("/api/datasets/news").then().statusCode(403).contentType("application/problem+json");
        as(Roles.INGEST).delete("/api/datasets/news").then().statusCode(403);

        assertThat(es.count(RECORDS)).isEqualTo(2);
    }

    @Test
    void aClosedDatasetRefusesWritesUntilOpenedAgain() {
        as(Roles.ADMIN).put("/api/datasets/news:close").then().statusCode(200).body("closed", equalTo(true));

        assertThat(es.send("GET", "/_cat/indices/" + RECORDS + "?format=json&h=status", null).get(0).get("status").asText())
                .isEqualTo("close");
        as(Roles.INGEST).body(Map.of("records", List.of(Map.of("id", "3", "inputs", Map.of("text", "three")))))
                .post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(409).body("detail", containsString("is closed"));

        as(Roles.ADMIN).put("/api/datasets/news:open").then().statusCode(200).body("closed", equalTo(false));
        as(Roles.INGEST).body(Map.of("records", List.of(Map.of("id", "3", "inputs", Map.of("text", "three")))))
                .post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1));
        assertThat(es.count(RECORDS)).isEqualTo(3);
    }

    @Test
    void onlyAdminsCloseAndOpen() {
        as(Roles.ANNOTATOR).put("/api/datasets/news:close").then().statusCode(403);
        as(Roles.VIEWER).put("/api/datasets/news:open").then().statusCode(403);
    }

    private static RequestSpecification as(String role) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("someone", role, "team-a"))
                .contentType(ContentType.JSON);
    }
}

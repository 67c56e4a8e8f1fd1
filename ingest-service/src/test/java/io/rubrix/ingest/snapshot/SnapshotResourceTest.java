package io.rubrix.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
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
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SnapshotResourceTest {

    private static final String PREFIX = "rubrix-test-ingest";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void empty() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void freezesTheValidatedRecordsAsFlatTrainingRows() {
        log("news", "TextClassification", List.of(
                validated("v1", "Stocks rally", "Business"), validated("v2", "Cup final", "Sports"),
                Map.of("id", "d1", "inputs", Map.of("text", "not labelled yet"), "metadata", Map.of("split", "train"))));

        JsonNode snapshot = as(Roles.INGEST).post("/api/datasets/news/snapshots")
                .then().statusCode(200)
                .body("id", matchesPattern("\\d{8}t\\d{6}-[0-9a-f]{8}"))
                .body("format", equalTo("json"))
                .body("task", equalTo("TextClassification"))
                .body("count", equalTo(2))
                .body("query.status", equalTo(List.of("Validated")))
                .extract().as(JsonNode.class);
        String id = snapshot.get("id").asText();
        assertThat(snapshot.get("uri").asText()).isEqualTo("/api/datasets/news/snapshots/" + id + "/data");
        assertThat(snapshot.get("creation_date").asText()).endsWith("Z");

        List<JsonNode> rows = rows("news", id);
        assertThat(rows).hasSize(2);
        JsonNode v1 = rows.stream().filter(r -> r.get("id").asText().equals("v1")).findFirst().orElseThrow();
        assertThat(v1.toString()).isEqualTo("{\"id\":\"v1\",\"source\":\"wire\",\"text\":\"Stocks rally\",\"labels\":\"Business\"}");
        assertThat(es.source(PREFIX + ".snapshots", "team-a.news." + id).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void aSnapshotStaysAsItWasWhenTheDatasetChanges() {
        log("frozen", "TextClassification", List.of(validated("v1", "Stocks rally", "Business")));
        String id = as(Roles.INGEST).post("/api/datasets/frozen/snapshots").then().statusCode(200).extract().path("id");

        log("frozen", "TextClassification", List.of(validated("v1", "Stocks rally", "World"), validated("v2", "x", "World")));

        List<JsonNode> rows = rows("frozen", id);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("labels").asText()).isEqualTo("Business");
    }

    @Test
    void tokenClassificationDatasetsCanBeSnapshotted() {
        log("ner", "TokenClassification", List.of(Map.of("id", "t1", "tokens", List.of("Ana", "plays", "Muse"),
                "raw_text", "Ana plays Muse", "status", "Validated",
                "annotation", Map.of("agent", "ana", "entities", List.of(Map.of("start", 10, "end", 14, "label", "BAND"))))));

        String id = as(Roles.INGEST).post("/api/datasets/ner/snapshots").then().statusCode(200)
                .body("count", equalTo(1)).extract().path("id");

        assertThat(rows("ner", id).get(0).toString()).isEqualTo(
                "{\"id\":\"t1\",\"tokens\":[\"Ana\",\"plays\",\"Muse\"],\"text\":\"Ana plays Muse\","
                        + "\"entities\":[{\"start\":10,\"end\":14,\"label\":\"BAND\"}]}");
    }

    @Test
    void otherStatusesAndMoreThanAPageOfRecords() {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 2300; i++) {
            records.add(Map.of("id", "r" + i, "inputs", Map.of("text", "record " + i)));
        }
        for (int from = 0; from < records.size(); from += 500) {
            log("big", "TextClassification", records.subList(from, Math.min(from + 500, records.size())));
        }

        String id = as(Roles.INGEST).body(Map.of("query", Map.of("status", List.of("Default"))))
                .post("/api/datasets/big/snapshots")
                .then().statusCode(200).body("count", equalTo(2300)).extract().path("id");

        assertThat(es.count(PREFIX + ".snapshot-data.team-a.big." + id)).isEqualTo(2300);
    }

    @Test
    void anyQueryChoosesTheRecords() {
        log("chosen", "TextClassification", List.of(validated("v1", "Stocks rally", "Business"),
                validated("v2", "Cup final", "Sports"), Map.of("id", "d1", "inputs", Map.of("text", "stocks fall"))));

        String id = as(Roles.INGEST).body(Map.of("query", Map.of("query_text", "stocks")))
                .post("/api/datasets/chosen/snapshots")
                .then().statusCode(200).body("count", equalTo(2)).body("query.query_text", equalTo("stocks"))
                .extract().path("id");

        assertThat(rows("chosen", id)).extracting(row -> row.get("id").asText()).containsExactlyInAnyOrder("v1", "d1");
        as(Roles.INGEST).body(Map.of("query", Map.of("confidence", Map.of("from", 0.9, "to", 0.1))))
                .post("/api/datasets/chosen/snapshots")
                .then().statusCode(400).body("errors[0].field", equalTo("query.confidence"));
    }

    @Test
    void anEmptyDatasetGivesAnEmptySnapshotAndAnUnknownOneIs404() {
        log("empty", "TextClassification", List.of());
        as(Roles.INGEST).post("/api/datasets/empty/snapshots").then().statusCode(200).body("count", equalTo(0));
        as(Roles.INGEST).post("/api/datasets/nope/snapshots").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAdminDeletesASnapshot() {
        log("gone", "TextClassification", List.of(validated("v1", "x", "A")));
        String id = as(Roles.INGEST).post("/api/datasets/gone/snapshots").then().statusCode(200).extract().path("id");

        as(Roles.ANNOTATOR).delete("/api/datasets/gone/snapshots/" + id).then().statusCode(403);
        as(Roles.ADMIN).delete("/api/datasets/gone/snapshots/" + id).then().statusCode(200);

        assertThat(es.source(PREFIX + ".snapshots", "team-a.gone." + id).isMissingNode()).isTrue();
        assertThat(es.send("GET", "/" + PREFIX + ".snapshot-data.team-a.gone." + id + "/_count", null)
                .at("/error/type").asText()).isEqualTo("index_not_found_exception");
        as(Roles.ADMIN).delete("/api/datasets/gone/snapshots/" + id).then().statusCode(404);
    }

    @Test
    void deletingADatasetDeletesItsSnapshotsAndNoOtherDatasets() {
        log("doomed", "TextClassification", List.of(validated("v1", "x", "A")));
        log("doomed-not", "TextClassification", List.of(validated("v1", "x", "A")));
        String first = as(Roles.INGEST).post("/api/datasets/doomed/snapshots").then().statusCode(200).extract().path("id");
        String second = as(Roles.INGEST).post("/api/datasets/doomed/snapshots").then().statusCode(200).extract().path("id");
        String other = as(Roles.INGEST).post("/api/datasets/doomed-not/snapshots").then().statusCode(200).extract().path("id");

        as(Roles.ADMIN).delete("/api/datasets/doomed").then().statusCode(200);

        for (String id : List.of(first, second)) {
            assertThat(es.source(PREFIX + ".snapshots", "team-a.doomed." + id).isMissingNode()).isTrue();
            assertThat(es.send("GET", "/" + PREFIX + ".snapshot-data.team-a.doomed." + id + "/_count", null)
                    .at("/error/type").asText()).isEqualTo("index_not_found_exception");
        }
        assertThat(es.source(PREFIX + ".snapshots", "team-a.doomed-not." + other).get("count").asInt()).isEqualTo(1);
        assertThat(rows("doomed-not", other)).hasSize(1);

        // A dataset logged again under the name starts without the old snapshots.
        log("doomed", "TextClassification", List.of(validated("v2", "y", "B")));
        JsonNode found = es.send("POST", "/" + PREFIX + ".snapshots/_search", Map.of("query", Map.of("bool",
                Map.of("filter", List.of(Map.of("term", Map.of("dataset", "doomed")))))));
        assertThat(found.at("/hits/total/value").asInt()).isZero();
        // Deleting a dataset that never had a snapshot, or deleting it again, still works.
        as(Roles.ADMIN).delete("/api/datasets/doomed").then().statusCode(200);
        as(Roles.ADMIN).delete("/api/datasets/doomed").then().statusCode(200);
    }

    @Test
    void viewersMayNotSnapshot() {
        log("news", "TextClassification", List.of());
        as(Roles.VIEWER).post("/api/datasets/news/snapshots").then().statusCode(403);
    }

    private List<JsonNode> rows(String dataset, String id) {
        JsonNode hits = es.send("POST", "/" + PREFIX + ".snapshot-data.team-a." + dataset + "." + id + "/_search",
                Map.of("size", 100, "sort", List.of(Map.of("row_number", "asc")))).at("/hits/hits");
        List<JsonNode> rows = new ArrayList<>();
        hits.forEach(hit -> rows.add(hit.at("/_source/row")));
        return rows;
    }

    /** Logged by an admin: some records carry a person's label, which the ingest role may not write (ADR 0009). */
    private static void log(String dataset, String task, List<Object> records) {
        as(Roles.ADMIN).body(Map.of("records", records)).post("/api/datasets/" + dataset + "/" + task + ":bulk")
                .then().statusCode(200).body("failed", equalTo(0));
    }

    private static Map<String, Object> validated(String id, String text, String label) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", id);
        record.put("inputs", Map.of("text", text));
        record.put("metadata", Map.of("source", "wire"));
        record.put("status", "Validated");
        record.put("annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", label))));
        return record;
    }

    private static RequestSpecification as(String role) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("someone", role, "team-a"))
                .contentType(ContentType.JSON);
    }
}

package io.rubrix.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ExportResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final int RECORDS = 2500;

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void moreRecordsThanTwoPages() throws Exception {
        es.deleteIndices(PREFIX + ".*");
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), templates.recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), templates.datasetsIndex());
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a.big?refresh=true",
                Map.of("name", "big", "task", "TextClassification", "workspace", "team-a", "owner", "team-a"));
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> record = Map.of("id", "r" + i, "inputs", Map.of("text", (i % 5 == 0 ? "rare " : "common ") + i),
                    "prediction", Map.of("agent", "m", "labels", List.of(Map.of("class", "A", "confidence", 0.7))));
            TextClassificationRecord parsed = json.convertValue(record, TextClassificationRecord.class)
                    .stampedAt(Instant.parse("2026-11-28T10:00:00Z"));
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", "big"))
                    .append("\",\"_id\":\"r").append(i).append("\"}}\n").append(RecordDocument.json(json, parsed)).append('\n');
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void streamsEveryRecordOncePastAnyPageSize() throws Exception {
        List<JsonNode> lines = export(Map.of(), null);

        assertThat(lines).hasSize(RECORDS);
        Set<String> ids = new HashSet<>();
        lines.forEach(line -> ids.add(line.get("id").asText()));
        assertThat(ids).hasSize(RECORDS);
        JsonNode first = lines.get(0);
        assertThat(first.has("inputs")).isTrue();
        assertThat(first.has("words")).as("internal fields stay internal").isFalse();
        assertThat(first.at("/prediction/agent").asText()).isEqualTo("m");
    }

    @Test
    void aQueryAndALimitNarrowTheStream() throws Exception {
        assertThat(export(Map.of("query", Map.of("query_text", "rare")), null)).hasSize(RECORDS / 5)
                .allSatisfy(line -> assertThat(line.at("/inputs/text").asText()).startsWith("rare"));
        assertThat(export(Map.of(), 10)).hasSize(10);
        assertThat(export(Map.of(), PointInTimeScan.PAGE + 5)).hasSize(PointInTimeScan.PAGE + 5);
        assertThat(export(Map.of(), 0)).isEmpty();
    }

    /** What rb.load(name, ids=[...], query=...) of Rubrix v0.1 posts: the query itself, ids as numbers or strings. */
    @Test
    void theRubrixV01QueryBodyNarrowsTheStreamByIdsAndFilters() throws Exception {
        assertThat(export(Map.of("ids", List.of("r1", "r2", "r5")), null)).extracting(line -> line.get("id").asText())
                .containsExactlyInAnyOrder("r1", "r2", "r5");
        assertThat(export(Map.of("ids", List.of("r0", "r1", "r5", "r10"), "query_text", "rare"), null))
                .extracting(line -> line.get("id").asText()).containsExactlyInAnyOrder("r0", "r5", "r10");
        assertThat(export(Map.of("predicted_as", List.of("B")), null)).isEmpty();
        assertThat(export(Map.of("ids", List.of(), "query_text", "rare", "predicted_as", List.of("A")), null))
                .hasSize(RECORDS / 5);
    }

    @Test
    void aBodyThatIsNotAQueryIsA400NamingIt() {
        for (String body : List.of("null", "[]", "\"str\"", "42")) {
            RequestSpecification request = given().urlEncodingEnabled(false)
                    .auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a")).contentType(ContentType.JSON);
            request.body(body).post("/api/datasets/big/TextClassification/data")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("body"));
        }
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .contentType(ContentType.JSON).body("{\"ids\": {\"a\": 1}}")
                .post("/api/datasets/big/TextClassification/data")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("ids"));
    }

    @Test
    void everyExportClosesItsPointInTimeWholeOrCutShortByALimit() throws Exception {
        long before = openPointsInTime();
        assertThat(export(Map.of(), null)).hasSize(RECORDS);
        assertThat(export(Map.of(), PointInTimeScan.PAGE + 5)).hasSize(PointInTimeScan.PAGE + 5);
        // the close is sent as the stream ends: allow it a moment
        await("the points in time of two exports to close").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(openPointsInTime()).as("open points in time after two exports")
                        .isEqualTo(before));
    }

    private long openPointsInTime() {
        return es.send("GET", "/_nodes/stats/indices/search", null).path("nodes").elements().next()
                .path("indices").path("search").path("open_contexts").asLong();
    }

    @Test
    void theStreamIsAnsweredWhateverTheClientAccepts() {
        for (String accept : List.of("application/json", "application/x-ndjson", "*/*", "application/json, application/x-ndjson")) {
            String ndjson = given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                    .contentType(ContentType.JSON).accept(accept).body(Map.of()).queryParam("limit", 3)
                    .post("/api/datasets/big/TextClassification/data")
                    .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
            assertThat(ndjson.split("\n")).as(accept).hasSize(3);
        }
    }

    @Test
    void anotherWorkspacesDatasetIsNotFound() {
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("bob", Roles.VIEWER, "team-b"))
                .contentType(ContentType.JSON).body(Map.of())
                .post("/api/datasets/big/TextClassification/data").then().statusCode(404);
    }

    private List<JsonNode> export(Map<String, Object> body, Integer limit) throws Exception {
        RequestSpecification request = given().urlEncodingEnabled(false)
                .auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a")).contentType(ContentType.JSON).body(body);
        if (limit != null) {
            request = request.queryParam("limit", limit);
        }
        String ndjson = request.post("/api/datasets/big/TextClassification/data")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        List<JsonNode> lines = new java.util.ArrayList<>();
        if (ndjson.isEmpty()) {
            return lines;
        }
        assertThat(ndjson).as("NDJSON ends each record with a newline").endsWith("\n");
        for (String line : ndjson.substring(0, ndjson.length() - 1).split("\n", -1)) {
            assertThat(line).as("no blank line between records").isNotBlank();
            lines.add(json.readTree(line));
        }
        return lines;
    }
}

package io.rubrix.query.search;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
class SearchResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void fourNewsRecordsInTeamAAndASecretDatasetInTeamB() throws Exception {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), new IndexTemplates(LAYOUT, 0).datasetsIndex());
        descriptor("team-a", "news", "TextClassification");
        descriptor("team-b", "secret", "TextClassification");
        descriptor("team-a", "ner", "TokenClassification");
        StringBuilder bulk = new StringBuilder();
        for (Map<String, Object> record : List.of(
                record("r1", "Stocks rally as markets rise", "Business", 0.8, "Business", "train"),
                record("r2", "Stocks fall in Tokyo", "Business", 0.6, "World", "train"),
                record("r3", "Cup final tonight", "Sports", 0.9, null, "train"),
                record("r4", "Rocket reaches orbit", "Science", 0.55, null, "test"))) {
            TextClassificationRecord parsed = json.convertValue(record, TextClassificationRecord.class)
                    .stampedAt(java.time.Instant.parse("2026-11-28T10:00:00Z"));
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", "news"))
                    .append("\",\"_id\":\"").append(parsed.id()).append("\"}}\n")
                    .append(RecordDocument.json(json, parsed)).append('\n');
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void sortsIdsAsPeopleCountThemNumbersByValueThenTexts() {
        descriptor("team-a", "numbered", "TextClassification");
        StringBuilder bulk = new StringBuilder();
        for (Object id : List.of(10, 2, 9, 100, "b", "a10", "a9")) {
            TextClassificationRecord parsed = json.convertValue(Map.of("id", id, "inputs", Map.of("text", "t " + id)),
                    TextClassificationRecord.class);
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", "numbered"))
                    .append("\",\"_id\":\"").append(parsed.id()).append("\"}}\n")
                    .append(RecordDocument.json(json, parsed)).append('\n');
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());

        as(Roles.VIEWER, "team-a").body(Map.of("sort", List.of(Map.of("field", "id"))))
                .post("/api/datasets/numbered/TextClassification:search").then().statusCode(200)
                .body("records.id", contains(2, 9, 10, 100, "a10", "a9", "b"));
        as(Roles.VIEWER, "team-a").body(Map.of("sort", List.of(Map.of("field", "id", "order", "desc"))))
                .post("/api/datasets/numbered/TextClassification:search").then().statusCode(200)
                .body("records.id", contains(100, 10, 9, 2, "b", "a9", "a10"));
        // two pages by cursor give the same order, none repeated
        String cursor = as(Roles.VIEWER, "team-a").queryParam("limit", 3).body(Map.of("sort", List.of(Map.of("field", "id"))))
                .post("/api/datasets/numbered/TextClassification:search").then().statusCode(200)
                .body("records.id", contains(2, 9, 10)).extract().path("next_cursor");
        as(Roles.VIEWER, "team-a").queryParam("limit", 3)
                .body(Map.of("sort", List.of(Map.of("field", "id")), "cursor", cursor))
                .post("/api/datasets/numbered/TextClassification:search").then().statusCode(200)
                .body("records.id", contains(100, "a10", "a9"));
    }

    @Test
    void answersAPageWithTheAggregationsOfEveryMatch() {
        as(Roles.VIEWER, "team-a").queryParam("limit", 2).body(Map.of())
                .post("/api/datasets/news/TextClassification:search")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("records", hasSize(2))
                .body("records[0]", not(hasKey("words")))
                .body("records[0]", not(hasKey("predicted_as")))
                .body("records[0]", hasKey("last_updated"))
                .body("records[0].version", org.hamcrest.Matchers.matchesPattern("[0-9]+\\.[0-9]+"))
                .body("aggregations.predicted_as.Business", equalTo(2))
                .body("aggregations.predicted_as.Sports", equalTo(1))
                .body("aggregations.annotated_as.World", equalTo(1))
                .body("aggregations.predicted_by.zero-shot", equalTo(4))
                .body("aggregations.annotated_by.ana", equalTo(2))
                .body("aggregations.status.Validated", equalTo(2))
                .body("aggregations.status.Default", equalTo(2))
                .body("aggregations.predicted.ok", equalTo(1))
                .body("aggregations.predicted.ko", equalTo(1))
                .body("aggregations.confidence.'0.8'", equalTo(1))
                .body("aggregations.confidence.'0.55'", equalTo(1))
                .body("aggregations.confidence.'0.0'", equalTo(0))
                .body("aggregations.words.stocks", equalTo(2))
                .body("aggregations.words", not(hasKey("as")))
                .body("aggregations.metadata.split.train", equalTo(3))
                .body("aggregations.metadata.split.test", equalTo(1));
    }

    /** Rubrix v0.1's own test_disable_aggregations_when_scroll: no aggregations past the first page. */
    @Test
    void aggregationsComeWithTheFirstPageOnlyUnlessAskedFor() {
        as(Roles.VIEWER, "team-a").body(Map.of()).queryParam("from", 2).queryParam("limit", 1)
                .post("/api/datasets/news/TextClassification:search").then().statusCode(200)
                .body("total", equalTo(4)).body("records", org.hamcrest.Matchers.hasSize(1))
                .body("$", hasKey("aggregations")).body("aggregations", org.hamcrest.Matchers.nullValue());
        as(Roles.VIEWER, "team-a").body(Map.of()).queryParam("from", 2).queryParam("limit", 1)
                .queryParam("aggregations", true)
                .post("/api/datasets/news/TextClassification:search").then().statusCode(200)
                .body("aggregations.metadata.split.train", equalTo(3));
        as(Roles.VIEWER, "team-a").body(Map.of()).queryParam("limit", 1).queryParam("aggregations", false)
                .post("/api/datasets/news/TextClassification:search").then().statusCode(200)
                .body("records", org.hamcrest.Matchers.hasSize(1)).body("aggregations", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void everyConditionNarrowsTheMatches() {
        search("team-a", Map.of("query_text", "stocks")).body("records.id", containsInAnyOrder("r1", "r2"));
        search("team-a", Map.of("query_text", "stocks", "annotated_as", List.of("World"))).body("records.id", contains("r2"));
        search("team-a", Map.of("metadata", Map.of("split", "test"))).body("records.id", contains("r4"));
        search("team-a", Map.of("status", List.of("Default"), "confidence", Map.of("from", 0.85)))
                .body("records.id", contains("r3"));
        search("team-a", Map.of("predicted", "ok")).body("records.id", contains("r1"))
                .body("aggregations.predicted_as.Business", equalTo(1));
    }

    @Test
    void refusesTooBigPagesTheWrongTaskAndOtherWorkspaces() {
        as(Roles.VIEWER, "team-a").queryParam("limit", 1001).body(Map.of())
                .post("/api/datasets/news/TextClassification:search")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        as(Roles.VIEWER, "team-a").body(Map.of()).post("/api/datasets/news/TokenClassification:search")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
        as(Roles.VIEWER, "team-a").body(Map.of()).post("/api/datasets/secret/TextClassification:search")
                .then().statusCode(404);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(Map.of())
                .post("/api/datasets/news/TextClassification:search").then().statusCode(401);
    }

    @Test
    void sortsByAnyFieldEitherWay() {
        sorted(List.of(Map.of("field", "confidence", "order", "desc"))).body("records.id", contains("r3", "r1", "r2", "r4"));
        sorted(List.of(Map.of("field", "confidence"))).body("records.id", contains("r4", "r2", "r1", "r3"));
        sorted(List.of(Map.of("field", "metadata.split", "order", "desc"), Map.of("field", "id", "order", "desc")))
                .body("records.id", contains("r3", "r2", "r1", "r4"));
        sorted(List.of(Map.of("field", "annotated_as"))).body("records.id", contains("r1", "r2", "r3", "r4"));
    }

    @Test
    void highlightsTheMatchedWordsHtmlEscaped() {
        es.send("POST", "/" + LAYOUT.recordsIndex("team-a", "news") + "/_doc/r5?refresh=true",
                Map.of("id", "r5", "inputs", Map.of("text", "<b>Stocks</b> & bonds"), "words", "<b>Stocks</b> & bonds",
                        "status", "Default"));
        search("team-a", Map.of("query_text", "stocks"))
                .body("records.find { it.id == 'r1' }.highlight.'inputs.text'", equalTo("<mark>Stocks</mark> rally as markets rise"))
                .body("records.find { it.id == 'r5' }.highlight.'inputs.text'",
                        equalTo("&lt;b&gt;<mark>Stocks</mark>&lt;&#x2F;b&gt; &amp; bonds"))
                .body("records.find { it.id == 'r1' }.inputs.text", equalTo("Stocks rally as markets rise"));
        search("team-a", Map.of("status", List.of("Default"))).body("records[0]", not(hasKey("highlight")));
    }

    @Test
    void aCursorPagesThroughEveryRecordOnceInTheChosenOrder() {
        List<Map<String, String>> sort = List.of(Map.of("field", "confidence", "order", "desc"));
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("sort", sort));
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            var page = as(Roles.VIEWER, "team-a").queryParam("limit", 3).body(body)
                    .post("/api/datasets/news/TextClassification:search").then().statusCode(200)
                    .body("total", equalTo(4)).extract().jsonPath();
            seen.addAll(page.getList("records.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        org.assertj.core.api.Assertions.assertThat(seen).containsExactly("r3", "r1", "r2", "r4");
    }

    @Test
    void refusesABadSortACursorOfAnotherSortAndABadQueryWithTheReason() {
        String cursor = as(Roles.VIEWER, "team-a").queryParam("limit", 1).body(Map.of())
                .post("/api/datasets/news/TextClassification:search").then().statusCode(200)
                .extract().path("next_cursor");
        badSearch(Map.of("sort", List.of(Map.of("field", "colour"))), 0).body("errors[0].field", equalTo("sort[0].field"))
                .body("detail", containsString("unknown sort field colour"));
        badSearch(Map.of("sort", List.of(Map.of("field", "id", "order", "up"))), 0)
                .body("errors[0].field", equalTo("sort[0].order"));
        badSearch(Map.of("sort", List.of(Map.of("field", "metadata.colour"))), 0)
                .body("detail", containsString("metadata.colour is not a metadata field"));
        badSearch(Map.of("cursor", cursor, "sort", List.of(Map.of("field", "id"))), 0)
                .body("errors[0].field", equalTo("cursor")).body("detail", containsString("another sort"));
        badSearch(Map.of("cursor", "not-a-cursor"), 0).body("errors[0].field", equalTo("cursor"));
        badSearch(Map.of("cursor", cursor), 10).body("errors[0].field", equalTo("from"));
        badSearch(Map.of(), -1).body("errors[0].field", equalTo("from"));
        badSearch(Map.of("query", Map.of("query_text", "stocks AND (")), 0).body("errors[0].field", equalTo("query"))
                .body("detail", containsString("stocks AND ("));
        as(Roles.VIEWER, "team-a").body(Map.of()).post("/api/datasets/news/Summarization:search")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
    }

    @Test
    void aDatasetWithoutRecordsYetAnswersAnEmptyPage() {
        as(Roles.VIEWER, "team-a").body(Map.of()).post("/api/datasets/ner/TokenClassification:search")
                .then().statusCode(200).body("total", equalTo(0)).body("records", hasSize(0));
    }

    @Test
    void listsOnlyTheCallersDatasets() {
        int newsRecords = as(Roles.VIEWER, "team-a").body(Map.of())
                .post("/api/datasets/news/TextClassification:search").then().extract().path("total");
        as(Roles.VIEWER, "team-a").get("/api/datasets/").then().statusCode(200)
                .body("name", contains("ner", "news"))
                .body("[1].task", equalTo("TextClassification"))
                .body("[1].owner", equalTo("team-a"))
                .body("[1].records", equalTo(newsRecords))
                .body("[0].records", equalTo(0));
        org.junit.jupiter.api.Assertions.assertTrue(newsRecords >= 4, "the four news records at least: " + newsRecords);
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("ada", Roles.ADMIN, "team-a", "team-b"))
                .get("/api/datasets/").then().statusCode(200).body("name", contains("ner", "news", "secret"));
        as(Roles.VIEWER, "team-a").get("/api/datasets/news").then().statusCode(200).body("name", equalTo("news"));
        as(Roles.VIEWER, "team-a").get("/api/datasets/secret").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private io.restassured.response.ValidatableResponse search(String workspace, Map<String, Object> query) {
        return as(Roles.VIEWER, workspace).body(Map.of("query", query))
                .post("/api/datasets/news/TextClassification:search").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse sorted(List<?> sort) {
        return as(Roles.VIEWER, "team-a").body(Map.of("sort", sort))
                .post("/api/datasets/news/TextClassification:search").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse badSearch(Map<String, Object> body, int from) {
        return as(Roles.VIEWER, "team-a").queryParam("from", from).body(body)
                .post("/api/datasets/news/TextClassification:search").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private void descriptor(String workspace, String name, String task) {
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/" + workspace + "." + name + "?refresh=true",
                Map.of("name", name, "task", task, "workspace", workspace, "owner", workspace));
    }

    private static Map<String, Object> record(String id, String text, String predicted, double confidence,
            String annotated, String split) {
        Map<String, Object> record = new java.util.HashMap<>(Map.of("id", id, "inputs", Map.of("text", text),
                "metadata", Map.of("split", split),
                "prediction", Map.of("agent", "zero-shot", "labels", List.of(Map.of("class", predicted, "confidence", confidence)))));
        if (annotated != null) {
            record.put("annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", annotated))));
            record.put("status", "Validated");
        }
        return record;
    }

    private static RequestSpecification as(String role, String workspace) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", role, workspace))
                .contentType(ContentType.JSON);
    }
}

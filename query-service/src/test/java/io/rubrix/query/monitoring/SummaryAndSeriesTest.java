package io.rubrix.query.monitoring;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/** The annotation sidebar's summary and the monitoring series, over five records with known answers. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SummaryAndSeriesTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void fiveProductionPredictionsOverThreeHours() throws Exception {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), new IndexTemplates(LAYOUT, 0).datasetsIndex());
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a.prod?refresh=true",
                Map.of("name", "prod", "task", "TextClassification", "workspace", "team-a", "owner", "team-a"));
        StringBuilder bulk = new StringBuilder();
        for (Map<String, Object> record : List.of(
                record("r1", "10:00", "model-a", "Business", 0.8, "Business", "Validated"),
                record("r2", "10:20", "model-a", "Business", 0.6, "World", "Validated"),
                record("r3", "11:10", "model-a", "Sports", 0.9, null, "Default"),
                record("r4", "11:40", "model-a", "Science", 0.55, null, "Discarded"),
                record("r5", "12:30", "model-b", "World", 0.7, "World", "Validated"))) {
            TextClassificationRecord parsed = json.convertValue(record, TextClassificationRecord.class)
                    .stampedAt(Instant.parse("2026-11-28T13:00:00Z"));
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", "prod"))
                    .append("\",\"_id\":\"").append(parsed.id()).append("\"}}\n")
                    .append(RecordDocument.json(json, parsed)).append('\n');
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void summaryCountsStatusesLabelsAndScoresTheModelPerLabel() {
        post("summary", Map.of()).statusCode(200)
                .body("total", equalTo(5))
                .body("status.Validated", equalTo(3))
                .body("status.Default", equalTo(1))
                .body("status.Discarded", equalTo(1))
                .body("status.Edited", equalTo(0))
                .body("annotated_as.World", equalTo(2))
                .body("annotated_as.Business", equalTo(1))
                .body("quality.ok", equalTo(2))
                .body("quality.ko", equalTo(1))
                .body("quality.labels.Business.correct", equalTo(1))
                .body("quality.labels.Business.predicted", equalTo(2))
                .body("quality.labels.Business.support", equalTo(1))
                .body("quality.labels.Business.precision", equalTo(0.5f))
                .body("quality.labels.Business.recall", equalTo(1.0f))
                .body("quality.labels.Business.f1", equalTo(0.6667f))
                .body("quality.labels.World.precision", equalTo(1.0f))
                .body("quality.labels.World.recall", equalTo(0.5f))
                .body("quality.labels", not(hasKey("Sports")))
                .body("quality.macro_f1", equalTo(0.6667f));
    }

    @Test
    void summaryOfTheRecordsMatchingAQuery() {
        post("summary", Map.of("query", Map.of("predicted_by", List.of("model-b")))).statusCode(200)
                .body("total", equalTo(1))
                .body("status.Validated", equalTo(1))
                .body("quality.ok", equalTo(1))
                .body("quality.labels.World.f1", equalTo(1.0f));
    }

    @Test
    void seriesBucketsPredictionsByEventTime() {
        post("series", Map.of("interval", "1h", "from", "2026-11-28T10:00:00Z", "to", "2026-11-28T13:00:00Z"))
                .statusCode(200)
                .body("interval", equalTo("1h"))
                .body("buckets.time", contains("2026-11-28T10:00:00Z", "2026-11-28T11:00:00Z", "2026-11-28T12:00:00Z"))
                .body("buckets.count", contains(2, 2, 1))
                .body("buckets[0].predicted_as.Business", equalTo(2))
                .body("buckets[1].predicted_as.Sports", equalTo(1))
                .body("buckets[2].predicted_by.model-b", equalTo(1))
                .body("buckets[0].confidence.mean", equalTo(0.7f))
                .body("buckets[1].confidence.p99", greaterThanOrEqualTo(0.55f))
                .body("buckets.ok", contains(1, 0, 1))
                .body("buckets.ko", contains(1, 0, 0))
                .body("buckets[0].ok_share", equalTo(0.5f))
                .body("buckets[1]", not(hasKey("ok_share")))
                .body("buckets.annotated", contains(2, 0, 1))
                .body("buckets.labelled", contains(0, 0, 0));
    }

    @Test
    void seriesCountAnnotationThroughputByTheTimePeopleActed() {
        history(new String[][] {{"prod", "ana", "10:05"}, {"prod", "ana", "10:30"}, {"prod", "bob", "12:10"},
                {"other", "ana", "10:10"}});

        post("series", Map.of("interval", "1h", "from", "2026-11-28T10:00:00Z", "to", "2026-11-28T13:00:00Z"))
                .statusCode(200)
                .body("buckets.labelled", contains(2, 0, 1))
                .body("buckets[0].labelled_by.ana", equalTo(2))
                .body("buckets[1].labelled_by.size()", equalTo(0))
                .body("buckets[2].labelled_by.bob", equalTo(1));
    }

    @Test
    void commentsAreNotLabellingActions() {
        history(new String[][] {{"prod", "ana", "10:05"}, {"prod", "ana", "10:06", "comment"},
                {"prod", "bob", "10:40", "comment"}, {"prod", "bob", "12:10", "import"},
                {"prod", "bob", "12:20", "delete"}, {"prod", "vic", "12:30", "comment"}});

        post("series", Map.of("interval", "1h", "from", "2026-11-28T10:00:00Z", "to", "2026-11-28T13:00:00Z"))
                .statusCode(200)
                .body("buckets.labelled", contains(1, 0, 2))
                .body("buckets[0].labelled_by.ana", equalTo(1))
                .body("buckets[0].labelled_by", not(hasKey("bob")))
                .body("buckets[2].labelled_by.bob", equalTo(2))
                .body("buckets[2].labelled_by", not(hasKey("vic")));
    }

    @Test
    void seriesLeaveOutTheLabelsOfADeletedDatasetOfTheSameName() {
        // prod was deleted and logged again at 10:20: the label of 10:05 was given to the records of the old one.
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a.prod?refresh=true", Map.of("name", "prod",
                "task", "TextClassification", "workspace", "team-a", "owner", "team-a", "created_at", "2026-11-28T10:20:00Z"));
        history(new String[][] {{"prod", "ana", "10:05"}, {"prod", "ana", "10:30"}, {"prod", "bob", "12:10"}});

        post("series", Map.of("interval", "1h", "from", "2026-11-28T10:00:00Z", "to", "2026-11-28T13:00:00Z"))
                .statusCode(200)
                .body("buckets.labelled", contains(1, 0, 1))
                .body("buckets[0].labelled_by.ana", equalTo(1));
    }

    /** History events of workspace team-a: {dataset, agent, time on 2026-11-28[, action (annotate)]} each. */
    private void history(String[][] events) {
        es.send("PUT", "/_index_template/" + LAYOUT.historyTemplateName(), new IndexTemplates(LAYOUT, 0).historyTemplate());
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.historyIndex()).append("\",\"_id\":\"e").append(i)
                    .append("\"}}\n{\"event_id\":\"e").append(i).append("\",\"action\":\"")
                    .append(events[i].length > 3 ? events[i][3] : "annotate").append("\",\"workspace\":\"team-a\",")
                    .append("\"dataset\":\"").append(events[i][0]).append("\",\"agent\":\"").append(events[i][1])
                    .append("\",\"at\":\"2026-11-28T").append(events[i][2]).append(":00Z\",\"record_id\":\"r1\"}\n");
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void seriesWithoutARangeSpansTheDataAndEmptyBucketsAreKept() {
        post("series", Map.of("interval", "1h")).statusCode(200)
                .body("from", equalTo("2026-11-28T10:00:00Z"))
                .body("buckets.count", contains(2, 2, 1));
        post("series", Map.of("interval", "1h", "from", "2026-11-28T08:00:00Z", "to", "2026-11-28T13:00:00Z"))
                .statusCode(200)
                .body("buckets", hasSize(5))
                .body("buckets.count", contains(0, 0, 2, 2, 1))
                .body("buckets[0]", not(hasKey("confidence")));
        post("series", Map.of("interval", "1h", "query", Map.of("predicted_as", List.of("Business")))).statusCode(200)
                .body("buckets.count", contains(2));
    }

    @Test
    void badSeriesRequestsAre400WithTheField() {
        post("series", Map.of("interval", "5 minutes")).statusCode(400).body("errors[0].field", equalTo("interval"));
        post("series", Map.of()).statusCode(400).body("errors[0].field", equalTo("interval"));
        post("series", Map.of("interval", "1s", "from", "2026-11-28T00:00:00Z", "to", "2026-11-29T00:00:00Z"))
                .statusCode(400).body("detail", containsString("86401 buckets"));
        post("series", Map.of("interval", "1h", "from", "2026-11-28T13:00:00Z", "to", "2026-11-28T10:00:00Z"))
                .statusCode(400).body("errors[0].field", equalTo("from"));
        post("series", Map.of("interval", "1h", "from", "yesterday")).statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void otherWorkspacesSeeNeither() {
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("bob", Roles.VIEWER, "team-b"))
                .contentType(ContentType.JSON).body(Map.of("interval", "1h"))
                .post("/api/datasets/prod/TextClassification:series").then().statusCode(404);
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("bob", Roles.VIEWER, "team-b"))
                .contentType(ContentType.JSON).body(Map.of())
                .post("/api/datasets/prod/TextClassification:summary").then().statusCode(404);
    }

    private ValidatableResponse post(String action, Map<String, Object> body) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .contentType(ContentType.JSON).body(body)
                .post("/api/datasets/prod/TextClassification:" + action).then().contentType(containsString("json"));
    }

    private static Map<String, Object> record(String id, String time, String agent, String predicted, double confidence,
            String annotated, String status) {
        Map<String, Object> record = new HashMap<>(Map.of("id", id, "inputs", Map.of("text", "news " + id),
                "event_timestamp", "2026-11-28T" + time + ":00Z", "status", status,
                "prediction", Map.of("agent", agent, "labels", List.of(Map.of("class", predicted, "confidence", confidence)))));
        if (annotated != null) {
            record.put("annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", annotated))));
        }
        return record;
    }
}

package io.rubrix.query.drift;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/**
 * The reads of drift monitors, over a descriptor and drift documents as annotation-service writes them (ADR 0014
 * gives their shape), and the preview of a monitor not saved over records of a known make-up: 100 in the reference
 * with 20 predicted Sports, 100 live with 60.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class MonitorsResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final String MONITORS = "/api/datasets/news/TextClassification/monitors";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void aDatasetWithAMonitorThreeEvaluationsAndAnAlert() throws Exception {
        es.deleteIndices(PREFIX + ".*");
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), templates.recordsTemplate());
        es.send("PUT", "/_index_template/" + LAYOUT.driftTemplateName(), templates.driftTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), templates.datasetsIndex());
        Map<String, Object> monitor = Map.of("name", "production", "reference", Map.of("kind", "preceding"),
                "window", "1h", "every", "10m", "min_records", 50,
                "measures", List.of(Map.of("kind", "predicted_labels", "statistic", "psi", "threshold", 0.2),
                        Map.of("kind", "confidence", "statistic", "ks", "threshold", 0.1)),
                "webhook", Map.of("url", "https://hooks.example.com/…", "secret_set", true),
                "author", "admin", "created_at", "2026-12-01T00:00:00Z", "updated_at", "2026-12-01T00:00:00Z");
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a.news?refresh=true", Map.of("name", "news",
                "task", "TextClassification", "workspace", "team-a", "owner", "team-a",
                "created_at", "2026-12-01T00:00:00Z", "settings", Map.of("monitors", Map.of("production", monitor))));

        StringBuilder bulk = new StringBuilder();
        for (int minutes = 30; minutes >= 10; minutes -= 10) {
            Instant at = now.minus(minutes, ChronoUnit.MINUTES);
            double labels = minutes == 10 ? 0.7167 : 0.01;
            evaluation(bulk, "ev" + minutes, at, "predicted_labels", "psi", labels, 0.2, labels > 0.2 ? "drift" : "ok");
            evaluation(bulk, "ev" + minutes, at, "confidence", "ks", 0.05, 0.1, "ok");
        }
        Map<String, Object> alert = new HashMap<>(Map.of("type", "alert", "workspace", "team-a", "dataset", "news",
                "monitor", "production", "measure", "predicted_labels", "statistic", "psi",
                "at", now.minus(10, ChronoUnit.MINUTES).toString(), "value", 0.7167, "threshold", 0.2));
        alert.putAll(Map.of("alert", Map.of("event_id", "al1", "type", "raised"), "published", true,
                "webhook", Map.of("state", "pending", "attempts", 2, "last_status", 503,
                        "last_error", "the receiver answered 503", "url", "https://hooks.example.com/…")));
        action(bulk, "al1", alert);
        action(bulk, "state.team-a.news.production", Map.of("type", "state", "workspace", "team-a", "dataset", "news",
                "monitor", "production", "at", now.minus(10, ChronoUnit.MINUTES).toString(),
                "alerting", List.of("predicted_labels")));
        for (int i = 0; i < 200; i++) {
            boolean live = i >= 100;
            int n = i % 100;
            String label = n < (live ? 60 : 20) ? "Sports" : "Business";
            TextClassificationRecord record = json.convertValue(Map.of("id", "r" + i,
                    "inputs", Map.of("text", "news " + i),
                    "event_timestamp", now.minus(live ? 10 : 70, ChronoUnit.MINUTES).toString(),
                    "prediction", Map.of("agent", "m", "labels", List.of(Map.of("class", label, "confidence", 0.9)))),
                    TextClassificationRecord.class);
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", "news"))
                    .append("\",\"_id\":\"r").append(i).append("\"}}\n").append(RecordDocument.json(json, record))
                    .append('\n');
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    private void evaluation(StringBuilder bulk, String id, Instant at, String measure, String statistic, double value,
            double threshold, String reading) {
        Map<String, Object> result = Map.of("measure", measure, "kind", measure, "statistic", statistic,
                "threshold", threshold, "value", value, "reading", reading,
                "reference", Map.of("count", 100, "bins", List.of(Map.of("key", "Sports", "count", 20),
                        Map.of("key", "Business", "count", 80))),
                "live", Map.of("count", 100, "bins", List.of(Map.of("key", "Sports", "count", 60),
                        Map.of("key", "Business", "count", 40))));
        Map<String, Object> document = new HashMap<>(Map.of("type", "evaluation", "workspace", "team-a",
                "dataset", "news", "monitor", "production", "measure", measure, "statistic", statistic,
                "at", at.toString(), "evaluation_id", id, "value", value, "threshold", threshold));
        document.putAll(Map.of("reading", reading, "reference_count", 100, "live_count", 100,
                "result", Map.of("measure", result,
                        "reference", Map.of("from", at.minus(2, ChronoUnit.HOURS).toString(),
                                "to", at.minus(1, ChronoUnit.HOURS).toString(), "count", 100),
                        "live", Map.of("from", at.minus(1, ChronoUnit.HOURS).toString(), "to", at.toString(),
                                "count", 100))));
        action(bulk, id + "." + measure, document);
    }

    private void action(StringBuilder bulk, String id, Map<String, Object> document) {
        try {
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.driftIndex()).append("\",\"_id\":\"").append(id)
                    .append("\"}}\n").append(json.writeValueAsString(document)).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theListShowsEachMonitorWithWhereItStands() {
        as("vic", Roles.VIEWER).get(MONITORS).then().statusCode(200)
                .body("monitors.monitor.name", contains("production"))
                .body("monitors[0].monitor.webhook.url", equalTo("https://hooks.example.com/…"))
                .body("monitors[0].monitor.webhook", not(hasKey("secret")))
                .body("monitors[0].status.alerting", contains("predicted_labels"))
                .body("monitors[0].status.measures.measure", contains("confidence", "predicted_labels"))
                .body("monitors[0].status.measures[1].value", closeTo(0.7167, 1e-9))
                .body("monitors[0].status.measures[1].reading", equalTo("drift"));
    }

    @Test
    void oneMonitorCarriesItsLastEvaluationWithBothHistograms() {
        as("ana", Roles.ANNOTATOR).get(MONITORS + "/production").then().statusCode(200)
                .body("last_evaluation.evaluation_id", equalTo("ev10"))
                .body("last_evaluation.measures.measure", org.hamcrest.Matchers.containsInAnyOrder("confidence",
                        "predicted_labels"))
                .body("last_evaluation.measures.find { it.measure == 'predicted_labels' }.live.bins.count",
                        contains(60, 40))
                .body("last_evaluation.live.to", equalTo(now.minus(10, ChronoUnit.MINUTES).toString()));
    }

    @Test
    void theSeriesIsOldestFirstAndNarrowsToAMeasureAndATimeRange() {
        as("vic", Roles.VIEWER).get(MONITORS + "/production/evaluations?measure=predicted_labels").then()
                .statusCode(200)
                .body("points.value", contains(closeTo(0.01, 1e-9), closeTo(0.01, 1e-9), closeTo(0.7167, 1e-9)))
                .body("points.reading", contains("ok", "ok", "drift"));
        as("vic", Roles.VIEWER).get(MONITORS + "/production/evaluations?size=2").then().statusCode(200)
                .body("points.size()", equalTo(2));
        as("vic", Roles.VIEWER).get(MONITORS + "/production/evaluations?from="
                        + now.minus(15, ChronoUnit.MINUTES)).then().statusCode(200)
                .body("points.measure", contains("confidence", "predicted_labels"));
        as("vic", Roles.VIEWER).get(MONITORS + "/production/evaluations?size=0").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        as("vic", Roles.VIEWER).get(MONITORS + "/production/evaluations?from=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void alertsShowWhatBecameOfTheirDeliveries() {
        as("vic", Roles.VIEWER).get(MONITORS + "/production/alerts").then().statusCode(200)
                .body("alerts.event_id", contains("al1"))
                .body("alerts[0].type", equalTo("raised"))
                .body("alerts[0].published", equalTo(true))
                .body("alerts[0].webhook.state", equalTo("pending"))
                .body("alerts[0].webhook.last_error", equalTo("the receiver answered 503"));
    }

    @Test
    void aPreviewEvaluatesAMonitorNotSavedAndKeepsNothing() {
        Map<String, Object> draft = Map.of("reference", Map.of("kind", "preceding"), "window", "1h", "every", "10m",
                "measures", List.of(Map.of("kind", "predicted_labels")));
        as("vic", Roles.VIEWER).body(draft).post(MONITORS + ":preview").then().statusCode(200)
                .body("reference.count", equalTo(100))
                .body("live.count", equalTo(100))
                .body("measures[0].value", closeTo(0.716703787691222, 1e-6))
                .body("measures[0].reading", equalTo("drift"));
        es.send("POST", "/" + LAYOUT.driftIndex() + "/_refresh", null);
        org.assertj.core.api.Assertions.assertThat(es.count(LAYOUT.driftIndex())).as("nothing kept").isEqualTo(8);
        Map<String, Object> broken = new HashMap<>(draft);
        broken.put("query", "inputs.text:(news");
        as("vic", Roles.VIEWER).body(broken).post(MONITORS + ":preview").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
        as("vic", Roles.VIEWER).body(Map.of("window", "1h")).post(MONITORS + ":preview").then().statusCode(400)
                .body("errors.field", contains("reference", "every", "measures"));
    }

    @Test
    void anotherWorkspaceSeesNoMonitorAndAnUnknownOneIs404() {
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b")).get(MONITORS).then().statusCode(404);
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b"))
                .get(MONITORS + "/production/alerts").then().statusCode(404);
        as("vic", Roles.VIEWER).get(MONITORS + "/nope").then().statusCode(404)
                .body("detail", containsString("Monitor 'nope' not found"));
        given().get(MONITORS).then().statusCode(401);
    }

    private static RequestSpecification as(String user, String role) {
        return given().config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

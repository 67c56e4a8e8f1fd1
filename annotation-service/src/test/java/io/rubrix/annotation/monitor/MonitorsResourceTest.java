package io.rubrix.annotation.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

/**
 * Monitors written by admins and evaluated on demand, on fixed data whose figures are worked by hand. The scheduler is
 * off here, so that only the test evaluates.
 */
@QuarkusTest
@TestProfile(MonitorsResourceTest.NoScheduler.class)
@WithTestResource(OidcWiremockTestResource.class)
class MonitorsResourceTest {

    public static class NoScheduler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rubrix.monitors.enabled", "false", "rubrix.monitors.webhook-local-network", "false");
        }
    }

    private static final String DATASETS = TestDatasets.PREFIX + ".datasets";
    private static final String DRIFT = TestDatasets.PREFIX + ".drift";
    private static final String SECRETS = TestDatasets.PREFIX + ".webhook-secrets";
    private static final String MONITORS = "/api/datasets/news/TextClassification/monitors/";
    private static final String[] HALVES = {"web", "app"};

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final TestDatasets data = new TestDatasets();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /**
     * Reference (two to three hours ago): 100 records, 20 predicted Sports, confidence 0.9, sources half web half app,
     * texts of 10 characters, 90 labelled right. Live (ten minutes ago): 60 Sports, confidence 0.6, a source "mobile"
     * on one in five, texts of 30 characters, 60 labelled right (30 of each prediction).
     */
    @BeforeEach
    void referenceAndLiveRecords() {
        data.reset();
        data.dataset("team-a", "news", Task.TextClassification, List.of());
        DriftRecords records = new DriftRecords()
                .add("ref", 100, now.minus(150, ChronoUnit.MINUTES), 20, 0.9, HALVES, 10, true, i -> i < 90)
                .add("live", 100, now.minus(10, ChronoUnit.MINUTES), 60, 0.6, liveSources(), 30, true,
                        i -> i < 30 || i >= 60 && i < 90);
        data.records("team-a", "news", Task.TextClassification, records.list());
    }

    /** 40 web, 40 app, 20 mobile. */
    private static String[] liveSources() {
        String[] sources = new String[100];
        for (int i = 0; i < 100; i++) {
            sources[i] = i < 20 ? "mobile" : i % 2 == 0 ? "web" : "app";
        }
        return sources;
    }

    private Map<String, Object> monitor(Map<String, Object> webhook) {
        Map<String, Object> monitor = new HashMap<>(Map.of(
                "description", "news model in production",
                "reference", Map.of("kind", "range", "from", now.minus(3, ChronoUnit.HOURS).toString(),
                        "to", now.minus(2, ChronoUnit.HOURS).toString()),
                "window", "1h", "every", "10m",
                "measures", List.of(Map.of("kind", "predicted_labels"), Map.of("kind", "confidence"),
                        Map.of("kind", "metadata", "field", "source"), Map.of("kind", "text_length"),
                        Map.of("kind", "agents"), Map.of("kind", "accuracy"), Map.of("kind", "f1"))));
        if (webhook != null) {
            monitor.put("webhook", webhook);
        }
        return monitor;
    }

    @Test
    void anEvaluationGivesTheFiguresWorkedByHand() {
        as("admin", Roles.ADMIN).body(monitor(null)).put(MONITORS + "production").then().statusCode(201)
                .body("name", equalTo("production"))
                .body("author", equalTo("admin"))
                .body("min_records", equalTo(50))
                .body("measures.statistic", contains("psi", "ks", "jensen_shannon", "wasserstein", "jensen_shannon",
                        "drop", "drop"));

        JsonPath evaluation = new JsonPath(as("admin", Roles.ADMIN).post(MONITORS + "production:evaluate")
                .then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));

        assertThat(evaluation.getDouble("reference.count")).isEqualTo(100);
        assertThat(evaluation.getDouble("live.count")).isEqualTo(100);
        Map<String, Double> values = new HashMap<>();
        List<Map<String, Object>> measures = evaluation.getList("measures");
        measures.forEach(measure -> values.put((String) measure.get("measure"),
                ((Number) measure.get("value")).doubleValue()));
        // (0.6 - 0.2) ln 3 + (0.4 - 0.8) ln 0.5
        assertThat(values.get("predicted_labels")).isCloseTo(0.716703787691222, within(1e-9));
        // every reference record in [0.9, 0.95), every live one in [0.6, 0.65)
        assertThat(values.get("confidence")).isCloseTo(1.0, within(1e-9));
        // JS distance of (0.5, 0.5, 0) and (0.4, 0.4, 0.2), base 2
        assertThat(values.get("metadata.source")).isCloseTo(0.32868152693085767, within(1e-9));
        // every text 10 characters long, then 30 (the reference has no spread: unscaled)
        assertThat(values.get("text_length")).isCloseTo(20.0, within(1e-9));
        assertThat(values.get("agents")).isCloseTo(0.0, within(1e-9));
        // accuracy 0.9 then 0.6
        assertThat(values.get("accuracy")).isCloseTo(0.3, within(1e-9));
        // macro F1: reference (0.8 + 140/150) / 2, live (0.6 + 0.6) / 2
        assertThat(values.get("f1")).isCloseTo((0.8 + 140.0 / 150) / 2 - 0.6, within(1e-9));
        assertThat(evaluation.getList("measures.reading")).containsExactly("drift", "drift", "drift", "drift", "ok",
                "drift", "drift");
        assertThat(evaluation.getList("measures.find { it.measure == 'metadata.source' }.live.bins.key"))
                .containsExactlyInAnyOrder("web", "app", "mobile");

        es.send("POST", "/" + DRIFT + "/_refresh", null);
        JsonNode alerts = es.send("POST", "/" + DRIFT + "/_search", Map.of("size", 20,
                "query", Map.of("term", Map.of("type", "alert"))));
        assertThat(alerts.path("hits").path("total").path("value").asInt()).as("one alert per drifting measure")
                .isEqualTo(6);
        JsonNode evaluations = es.send("POST", "/" + DRIFT + "/_search", Map.of("size", 0,
                "query", Map.of("term", Map.of("type", "evaluation"))));
        assertThat(evaluations.path("hits").path("total").path("value").asInt()).isEqualTo(7);
        JsonNode state = es.source(DRIFT, "state.team-a.news.production");
        assertThat(state.path("alerting").toString()).isEqualTo(
                "[\"accuracy\",\"confidence\",\"f1\",\"metadata.source\",\"predicted_labels\",\"text_length\"]");

        as("admin", Roles.ADMIN).post(MONITORS + "production:evaluate").then().statusCode(200);
        es.send("POST", "/" + DRIFT + "/_refresh", null);
        JsonNode again = es.send("POST", "/" + DRIFT + "/_search", Map.of("size", 0,
                "query", Map.of("term", Map.of("type", "alert"))));
        assertThat(again.path("hits").path("total").path("value").asInt()).as("an alert raised is not raised again")
                .isEqualTo(6);
    }

    @Test
    void tooFewRecordsAreNotJudged() {
        Map<String, Object> monitor = monitor(null);
        monitor.put("min_records", 101);
        as("admin", Roles.ADMIN).body(monitor).put(MONITORS + "strict").then().statusCode(201);
        as("admin", Roles.ADMIN).post(MONITORS + "strict:evaluate").then().statusCode(200)
                .body("measures.reading", contains("insufficient", "insufficient", "insufficient", "insufficient",
                        "insufficient", "insufficient", "insufficient"))
                .body("measures[0]", not(hasKey("value")));
    }

    @Test
    void theWebhookSecretIsKeptApartAndNeverAnswered() {
        Map<String, Object> hook = Map.of("url", "https://hooks.example.com/rubrix", "secret", "s3cret-s3cret-s3cret");
        as("admin", Roles.ADMIN).body(monitor(hook)).put(MONITORS + "hooked").then().statusCode(201)
                .body("webhook.url", equalTo("https://hooks.example.com/…"))
                .body("webhook.secret_set", equalTo(true))
                .body("webhook", not(hasKey("secret")));
        JsonNode descriptor = es.source(DATASETS, "team-a.news");
        assertThat(descriptor.toString()).doesNotContain("s3cret").doesNotContain("/rubrix");
        es.send("POST", "/" + DRIFT + "/_refresh", null);
        assertThat(es.send("POST", "/" + DRIFT + "/_search", Map.of("query", Map.of("match_all", Map.of())))
                .toString()).as("nothing of the webhook's in the drift index Kibana reads").doesNotContain("s3cret");
        JsonNode target = es.source(SECRETS, "team-a.news.hooked");
        assertThat(target.path("secret").asText()).isEqualTo("s3cret-s3cret-s3cret");
        assertThat(target.path("url").asText()).isEqualTo("https://hooks.example.com/rubrix");

        // a replacement giving back the cut URL keeps the full one and the secret; a new URL without the secret
        // keeps the secret; one without the webhook drops both
        as("admin", Roles.ADMIN).body(monitor(Map.of("url", "https://hooks.example.com/…")))
                .put(MONITORS + "hooked").then().statusCode(200).body("webhook.secret_set", equalTo(true));
        assertThat(es.source(SECRETS, "team-a.news.hooked").path("url").asText())
                .isEqualTo("https://hooks.example.com/rubrix");
        as("admin", Roles.ADMIN).body(monitor(Map.of("url", "https://hooks.example.com/other")))
                .put(MONITORS + "hooked").then().statusCode(200).body("webhook.secret_set", equalTo(true));
        target = es.source(SECRETS, "team-a.news.hooked");
        assertThat(target.path("secret").asText()).isEqualTo("s3cret-s3cret-s3cret");
        assertThat(target.path("url").asText()).isEqualTo("https://hooks.example.com/other");
        as("admin", Roles.ADMIN).body(monitor(null)).put(MONITORS + "hooked").then().statusCode(200)
                .body("$", not(hasKey("webhook")));
        assertThat(es.send("GET", "/" + SECRETS + "/_doc/team-a.news.hooked?ignore=404", null)
                .path("found").asBoolean()).isFalse();
        assertThat(es.source(DATASETS, "team-a.news").at("/settings/monitors/hooked/webhook").isNull()).isTrue();
    }

    @Test
    void aWebhookIntoTheLocalNetworkIsRefusedUnlessTheOperatorAllowsIt() {
        for (String inside : List.of("http://127.0.0.1:9200/rubrix.datasets/_doc", "http://169.254.169.254/latest/",
                "http://[::1]:9092/", "http://10.0.0.7/hook", "http://localhost:8083/api/jobs")) {
            as("admin", Roles.ADMIN).body(monitor(Map.of("url", inside, "secret", "s3cret-s3cret-s3cret")))
                    .put(MONITORS + "ssrf").then().statusCode(400)
                    .body("errors[0].field", equalTo("webhook.url"))
                    .body("errors[0].reason", containsString("on the local network"));
        }
        assertThat(es.source(DATASETS, "team-a.news").at("/settings/monitors").isMissingNode()).isTrue();
    }

    @Test
    void aReplacedReferenceLeavesNothingOfTheOldOne() {
        as("admin", Roles.ADMIN).body(monitor(null)).put(MONITORS + "m").then().statusCode(201);
        Map<String, Object> preceding = monitor(null);
        preceding.put("reference", Map.of("kind", "preceding"));
        as("admin", Roles.ADMIN).body(preceding).put(MONITORS + "m").then().statusCode(200);
        JsonNode reference = es.source(DATASETS, "team-a.news").at("/settings/monitors/m/reference");
        assertThat(reference.path("kind").asText()).isEqualTo("preceding");
        assertThat(reference.path("from").isNull()).isTrue();
        assertThat(reference.path("to").isNull()).isTrue();
    }

    @Test
    void badMonitorsAre400NamingTheField() {
        Map<String, Object> noWindow = monitor(null);
        noWindow.remove("window");
        as("admin", Roles.ADMIN).body(noWindow).put(MONITORS + "m").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("window"));
        Map<String, Object> wrong = monitor(Map.of("url", "http://127.0.0.1:9200/_bulk", "secret", "short"));
        wrong.put("measures", List.of(Map.of("kind", "agents", "statistic", "ks"), Map.of("kind", "nonsense")));
        as("admin", Roles.ADMIN).body(wrong).put(MONITORS + "m").then().statusCode(400);
        Map<String, Object> badStatistic = monitor(null);
        badStatistic.put("measures", List.of(Map.of("kind", "agents", "statistic", "ks")));
        as("admin", Roles.ADMIN).body(badStatistic).put(MONITORS + "m").then().statusCode(400)
                .body("errors.field", contains("measures[0].statistic"));
        Map<String, Object> numericText = monitor(null);
        numericText.put("measures", List.of(Map.of("kind", "metadata", "field", "source", "type", "numeric")));
        as("admin", Roles.ADMIN).body(numericText).put(MONITORS + "m").then().statusCode(400)
                .body("errors.field", contains("measures[0].type"))
                .body("errors[0].reason", containsString("metadata.source holds text (keyword)"));
        as("admin", Roles.ADMIN).body(monitor(null)).put(MONITORS + "a,b").then().statusCode(400)
                .body("errors.field", contains("name"));
        Map<String, Object> badQuery = monitor(null);
        badQuery.put("query", "inputs.text:(x");
        as("admin", Roles.ADMIN).body(badQuery).put(MONITORS + "m").then().statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].reason", containsString("Elasticsearch cannot read this query"));
        assertThat(es.source(DATASETS, "team-a.news").at("/settings/monitors").isMissingNode()).isTrue();
    }

    @Test
    void onlyAdminsOfTheWorkspaceWriteOrEvaluateMonitors() {
        as("ana", Roles.ANNOTATOR).body(monitor(null)).put(MONITORS + "m").then().statusCode(403);
        as("rita", Roles.REVIEWER).body(monitor(null)).put(MONITORS + "m").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b")).contentType(ContentType.JSON)
                .body(monitor(null)).put(MONITORS + "m").then().statusCode(404);
        as("admin", Roles.ADMIN).body(monitor(null)).put(MONITORS + "m").then().statusCode(201);
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b"))
                .post(MONITORS + "m:evaluate").then().statusCode(404);
        as("ana", Roles.ANNOTATOR).post(MONITORS + "m:evaluate").then().statusCode(403);
        as("ana", Roles.ANNOTATOR).delete(MONITORS + "m").then().statusCode(403);
        as("admin", Roles.ADMIN).delete(MONITORS + "m").then().statusCode(204);
        as("admin", Roles.ADMIN).delete(MONITORS + "m").then().statusCode(404)
                .body("detail", containsString("Monitor 'm' not found"));
        as("admin", Roles.ADMIN).post(MONITORS + "m:evaluate").then().statusCode(404);
    }

    private static RequestSpecification as(String user, String role) {
        return given().auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

package io.rubrix.annotation.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.annotation.AnnotationTopic;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

/**
 * The scheduler evaluates a new monitor at once, and its alert goes to Kafka and to a webhook (which fails once, then
 * takes it: the delivery is retried); the gauges follow; a replaced threshold clears the alert the same way.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AlertDeliveryTest {

    private static final String SECRET = "a-shared-secret-of-the-receiver";
    private static final String[] USUAL = {"web", "app"};

    /** One POST the receiver got: its headers that matter and its body. */
    record Received(String signature, String eventId, String body) {
    }

    @Inject
    MeterRegistry registry;

    private final TestDatasets data = new TestDatasets();
    private final AnnotationTopic alerts = new AnnotationTopic("rubrix-test.alerts");
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(1);
    private HttpServer receiver;

    @BeforeEach
    void aDriftingDatasetAndAWebhookReceiver() throws IOException {
        data.reset();
        data.dataset("team-a", "live", Task.TextClassification, List.of());
        Instant now = Instant.now();
        data.records("team-a", "live", Task.TextClassification, new DriftRecords()
                .add("ref", 100, now.minus(2, ChronoUnit.HOURS), 20, 0.9, USUAL, 20, false, i -> true)
                .add("live", 100, now.minus(1, ChronoUnit.MINUTES), 60, 0.9, USUAL, 20, false, i -> true).list());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Rubrix-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Rubrix-Event-Id"), body));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    private Map<String, Object> monitor(double threshold) {
        Instant now = Instant.now();
        return Map.of("reference", Map.of("kind", "range", "from", now.minus(3, ChronoUnit.HOURS).toString(),
                        "to", now.minus(1, ChronoUnit.HOURS).toString()),
                "window", "30m", "every", "1h",
                "measures", List.of(Map.of("kind", "predicted_labels", "threshold", threshold)),
                "webhook", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "secret", SECRET));
    }

    @Test
    void anAlertGoesToKafkaAndToTheWebhookSignedAndIsClearedTheSameWay() throws Exception {
        var mark = alerts.mark();
        given().auth().oauth2(TestTokens.withRole("admin", Roles.ADMIN, "team-a")).contentType(ContentType.JSON)
                .body(monitor(0.2)).put("/api/datasets/live/TextClassification/monitors/labels")
                .then().statusCode(201);

        List<ConsumerRecord<String, JsonNode>> raised = alerts.events(mark,
                event -> "labels".equals(event.path("monitor").asText()), 1, Duration.ofSeconds(20), Duration.ZERO);
        JsonNode event = raised.get(0).value();
        assertThat(raised.get(0).key()).isEqualTo("team-a.live.labels.predicted_labels");
        assertThat(event.path("type").asText()).isEqualTo("raised");
        assertThat(event.path("statistic").asText()).isEqualTo("psi");
        assertThat(event.path("value").asDouble()).isEqualTo(0.716703787691222, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(event.path("threshold").asDouble()).isEqualTo(0.2);
        assertThat(event.path("live").path("count").asLong()).isEqualTo(100);

        await("the webhook delivered after one failure").atMost(Duration.ofSeconds(20))
                .until(() -> received.size() >= 2);
        Received first = received.get(0);
        Received second = received.get(1);
        assertThat(second.eventId()).isEqualTo(first.eventId()).isEqualTo(event.path("event_id").asText());
        String[] signature = second.signature().split(",");
        long timestamp = Long.parseLong(signature[0].substring("t=".length()));
        assertThat(signature[1]).isEqualTo("v1=" + WebhookSender.signature(SECRET, timestamp, second.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
        assertThat(second.body()).contains("\"event_id\":\"" + event.path("event_id").asText() + "\"");

        await("the delivery kept on the alert").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode alert = data.es().source(TestDatasets.PREFIX + ".drift", event.path("event_id").asText());
            assertThat(alert.path("published").asBoolean()).isTrue();
            assertThat(alert.path("webhook").path("state").asText()).isEqualTo("delivered");
            assertThat(alert.path("webhook").path("attempts").asInt()).isEqualTo(2);
            assertThat(alert.path("webhook").path("last_status").asInt()).isEqualTo(204);
        });
        assertThat(gauge("rubrix.drift.alerting")).isEqualTo(1.0);
        assertThat(gauge("rubrix.drift.value")).isCloseTo(0.716703787691222, org.assertj.core.data.Offset.offset(1e-9));

        var beforeClearing = alerts.mark();
        given().auth().oauth2(TestTokens.withRole("admin", Roles.ADMIN, "team-a")).contentType(ContentType.JSON)
                .body(monitor(5)).put("/api/datasets/live/TextClassification/monitors/labels")
                .then().statusCode(200);
        List<ConsumerRecord<String, JsonNode>> cleared = alerts.events(beforeClearing,
                found -> "labels".equals(found.path("monitor").asText()), 1, Duration.ofSeconds(20),
                Duration.ofSeconds(2));
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).value().path("type").asText()).isEqualTo("cleared");
        await("the clearing delivered").atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        assertThat(received.get(2).body()).contains("\"type\":\"cleared\"");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(gauge("rubrix.drift.alerting")).isZero());
    }

    @Test
    void anEvaluationThatFailsSaysWhyAndWaitsForItsNextPeriod() {
        data.dataset("team-a", "later", Task.TextClassification, List.of());
        Map<String, Object> monitor = Map.of("reference", Map.of("kind", "preceding"), "window", "1h", "every", "1h",
                "measures", List.of(Map.of("kind", "metadata", "field", "price", "type", "numeric")));
        given().auth().oauth2(TestTokens.withRole("admin", Roles.ADMIN, "team-a")).contentType(ContentType.JSON)
                .body(monitor).put("/api/datasets/later/TextClassification/monitors/prices").then().statusCode(201);
        String id = "state.team-a.later.prices";
        // the scheduler evaluates a new monitor at once, on no records yet; once that is kept, its state is removed
        // below so that the next tick evaluates it again, on the records logged after the monitor was written
        await("the first evaluation kept").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> data.es().source(TestDatasets.PREFIX + ".drift", id), state -> state.has("at"));
        // those records hold the price as text: it cannot be measured as numbers
        data.records("team-a", "later", Task.TextClassification, List.of(Map.of("id", "p1",
                "inputs", Map.of("text", "a"), "metadata", Map.of("price", "cheap"),
                "event_timestamp", Instant.now().minusSeconds(60).toString())));
        given().auth().oauth2(TestTokens.withRole("admin", Roles.ADMIN, "team-a")).contentType(ContentType.JSON)
                .body(monitor).put("/api/datasets/later/TextClassification/monitors/prices").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("measures[0].type"));
        data.es().send("DELETE", "/" + TestDatasets.PREFIX + ".drift/_doc/" + id + "?refresh=true", null);

        JsonNode failed = await("the failure kept").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> data.es().source(TestDatasets.PREFIX + ".drift", id),
                        state -> state.path("error").asText().startsWith("Elasticsearch refused the evaluation: "));
        assertThat(failed.path("error").asText()).as("the root cause, without index names").contains("keyword")
                .doesNotContain(TestDatasets.PREFIX);
        String at = failed.path("at").asText();
        await("no evaluation before the next period").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> data.es().source(TestDatasets.PREFIX + ".drift", id).path("at").asText().equals(at));
    }

    private double gauge(String name) {
        Gauge gauge = registry.find(name).tags("workspace", "team-a", "dataset", "live", "monitor", "labels",
                "measure", "predicted_labels").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }
}

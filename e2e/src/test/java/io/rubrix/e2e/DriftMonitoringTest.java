package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Drift monitoring end to end (ADR 0014), through the gateway with real Keycloak tokens: predictions streamed through
 * Kafka (topic rubrix.records), a monitor written by the admin with a webhook to a receiver this test starts, no alert
 * while the stream looks like its reference, then a drift injected halfway (the predicted share of spam moving from 20%
 * to 60%): the alert is read from rubrix.alerts, received by the webhook with a valid signature, shown by the alerts
 * read with its delivery, and visible as a gauge in annotation-service's metrics.
 */
class DriftMonitoringTest {

    static final String KAFKA = System.getProperty("rubrix.e2e.kafka", "127.0.0.1:9092");
    static final String ANNOTATION_METRICS = System.getProperty("rubrix.e2e.annotation-management",
            "http://127.0.0.1:9083") + "/q/metrics";
    static final String DATASET = "e2e-drift-" + Long.toString(System.currentTimeMillis(), 36);
    static final String MONITORS = "/api/datasets/" + DATASET + "/TextClassification/monitors";
    static final String SECRET = "e2e-webhook-secret-" + UUID.randomUUID();

    /** One POST the receiver got. */
    record Received(String signature, String eventId, String body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = Stack.token("admin", "admin-password");
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void aWebhookReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Rubrix-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Rubrix-Event-Id"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    @Test
    void aDriftInjectedHalfwayIsAlertedOnKafkaByWebhookAndAsAGauge() throws Exception {
        Instant now = Instant.now();
        // the reference: 300 predictions an hour and a half ago, 20% spam; then 300 live ones alike
        stream("ref", 300, now.minus(90, ChronoUnit.MINUTES), 0.2);
        stream("calm", 300, now.minus(2, ChronoUnit.MINUTES), 0.2);
        awaitRecords(600);
        var alerts = AlertsTopic.mark(KAFKA);

        String monitor = """
                {"description": "spam filter in production",
                 "reference": {"kind": "range", "from": "%s", "to": "%s"},
                 "window": "30m", "every": "5s", "min_records": 100,
                 "measures": [{"kind": "predicted_labels"}, {"kind": "confidence"}],
                 "webhook": {"url": "http://127.0.0.1:%d/alerts", "secret": "%s"}}
                """.formatted(now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS),
                receiver.getAddress().getPort(), SECRET);
        HttpResponse<String> created = call("PUT", MONITORS + "/production", monitor, admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SECRET).contains("\"secret_set\":true");

        JsonNode calm = await("a first evaluation").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(), status -> status.hasNonNull("evaluated_at"));
        assertThat(calm.path("alerting")).as("no alert while the stream looks like its reference").isEmpty();
        assertThat(calm.findValuesAsText("reading")).containsOnly("ok");

        // halfway: 600 more live predictions, 80% spam (60% of the live window) and less sure of themselves
        stream("drift", 600, now.minus(1, ChronoUnit.MINUTES), 0.8);
        awaitRecords(1200);

        List<ConsumerRecord<String, String>> raised = AlertsTopic.read(KAFKA, alerts,
                record -> record.key().equals("team-a." + DATASET + ".production.predicted_labels"), 1,
                Duration.ofSeconds(60));
        JsonNode event = Stack.read(raised.get(0).value());
        assertThat(raised.get(0).key()).isEqualTo("team-a." + DATASET + ".production.predicted_labels");
        assertThat(event.path("type").asText()).isEqualTo("raised");
        assertThat(event.path("statistic").asText()).isEqualTo("psi");
        assertThat(event.path("value").asDouble()).isGreaterThan(0.2);
        assertThat(event.path("live").path("count").asLong()).isEqualTo(900);
        assertThat(event.path("reference").path("count").asLong()).isEqualTo(300);

        Received hook = await("the webhook").atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .filter(post -> event.path("event_id").asText().equals(post.eventId())).findFirst().orElse(null),
                found -> found != null);
        String[] signature = hook.signature().split(",");
        long timestamp = Long.parseLong(signature[0].substring(2));
        assertThat(signature[1]).as("HMAC-SHA256 of <t>.<body>").isEqualTo("v1=" + hmac(timestamp + "." + hook.body()));
        assertThat(Stack.read(hook.body()).path("event_id").asText()).isEqualTo(event.path("event_id").asText());

        JsonNode listed = await("the alert's delivery").atMost(Duration.ofSeconds(20)).until(() -> Stack.read(
                        call("GET", MONITORS + "/production/alerts", null, admin).body()).path("alerts"),
                list -> list.size() > 0 && "delivered".equals(list.path(0).path("webhook").path("state").asText()));
        assertThat(listed.path(0).path("published").asBoolean()).isTrue();
        assertThat(listed.path(0).path("webhook").path("url").asText()).isEqualTo("http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/…");

        String metrics = http.send(HttpRequest.newBuilder(URI.create(ANNOTATION_METRICS)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics.lines().filter(line -> line.startsWith("rubrix_drift_alerting{")
                && line.contains("dataset=\"" + DATASET + "\"") && line.contains("measure=\"predicted_labels\"")))
                .as("the gauge Alertmanager reads").singleElement().satisfies(line -> assertThat(line).endsWith(" 1.0"));

        HttpResponse<String> viewer = call("PUT", MONITORS + "/production", monitor, Stack.token("vic", "vic-password"));
        assertThat(viewer.statusCode()).as("a viewer writes no monitor").isEqualTo(403);
        JsonNode shown = Stack.read(call("GET", MONITORS + "/production", null, Stack.token("vic", "vic-password"))
                .body());
        assertThat(shown.path("monitor").toString()).doesNotContain(SECRET).doesNotContain("/alerts");
        assertThat(shown.path("last_evaluation").path("measures").path(0).path("live").path("bins").size())
                .isEqualTo(2);
    }

    private JsonNode status() {
        JsonNode listed = Stack.read(call("GET", MONITORS, null, admin).body());
        return listed.path("monitors").path(0).path("status");
    }

    /** {@code count} predictions at {@code at} through Kafka, a share {@code spam} of them predicted spam. */
    private void stream(String prefix, int count, Instant at, double spam) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Stack.kafkaProducerConfig())) {
            List<String> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                boolean isSpam = i < count * spam;
                double confidence = isSpam ? 0.7 : 0.9;
                records.add("{\"id\":\"" + prefix + "-" + i + "\",\"inputs\":{\"text\":\"mail " + prefix + " " + i
                        + "\"},\"event_timestamp\":\"" + at + "\",\"prediction\":{\"agent\":\"nb\",\"labels\":["
                        + "{\"class\":\"" + (isSpam ? "spam" : "ham") + "\",\"confidence\":" + confidence + "},"
                        + "{\"class\":\"" + (isSpam ? "ham" : "spam") + "\",\"confidence\":" + (1 - confidence) + "}]}}");
                if (records.size() == 100 || i == count - 1) {
                    String envelope = "{\"workspace\":\"team-a\",\"dataset\":\"" + DATASET
                            + "\",\"task\":\"TextClassification\",\"records\":[" + String.join(",", records) + "]}";
                    producer.send(new ProducerRecord<>("rubrix.records", prefix + "-" + i, envelope))
                            .get(30, TimeUnit.SECONDS);
                    records.clear();
                }
            }
        }
    }

    private void awaitRecords(int total) {
        await(total + " records indexed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> found = call("POST", "/api/datasets/" + DATASET
                            + "/TextClassification:search?limit=0", "{}", admin);
                    return found.statusCode() == 200 ? Stack.read(found.body()).path("total").asInt() : -1;
                }, seen -> seen == total);
    }

    private static String hmac(String signed) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }


    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return RoleMatrixTest.call(method, path, body, token);
    }

    /** The alerts topic, read from a position taken before acting. */
    static final class AlertsTopic {

        static final String TOPIC = "rubrix.alerts";

        static java.util.Map<TopicPartition, Long> mark(String bootstrap) {
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                List<TopicPartition> partitions = await("topic " + TOPIC).atMost(Duration.ofSeconds(30))
                        .until(() -> partitions(consumer), found -> !found.isEmpty());
                return consumer.endOffsets(partitions);
            }
        }

        static List<ConsumerRecord<String, String>> read(String bootstrap, java.util.Map<TopicPartition, Long> mark,
                java.util.function.Predicate<ConsumerRecord<String, String>> wanted, int expected, Duration within) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                consumer.assign(mark.keySet());
                mark.forEach(consumer::seek);
                await(expected + " alerts on " + TOPIC).atMost(within).pollInSameThread().until(() -> {
                    consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                        if (wanted.test(record)) {
                            found.add(record);
                        }
                    });
                    return found.size() >= expected;
                });
            }
            return found;
        }

        private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
            var infos = consumer.partitionsFor(TOPIC);
            return infos == null ? List.of() : infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        }

        private static KafkaConsumer<String, String> consumer(String bootstrap) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            return new KafkaConsumer<>(config);
        }
    }
}

package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The attacks of issue 24 replayed against the real stack (gateway, services, Keycloak, Kafka, Elasticsearch), each
 * asserting that it fails and leaves people's work as it was; and the legitimate flows beside them.
 */
class TrustBoundariesTest {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String DATASET = "e2e-sec-" + RUN;
    static final String KAFKA = System.getProperty("rubrix.e2e.kafka", "127.0.0.1:9092");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String ana;
    private static String bob;
    private static String machine;

    @BeforeAll
    static void anaLabelsARecord() {
        ana = Stack.token("ana", "ana-password");
        bob = Stack.token("bob", "bob-password");
        machine = Stack.serviceAccountToken("rubrix-ingest", "rubrix-ingest-dev-secret");
        HttpResponse<String> logged = call("POST", bulk(DATASET), "{\"records\":["
                + labelled("r5", "ham", "ana") + "," + prediction("r1") + "]}", ana);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(200);
        assertThat(Stack.read(logged.body()).path("processed").asInt()).isEqualTo(2);
    }

    @Test
    void theIngestTokenCannotForgeAHumanLabelAndTheRestOfItsBulkIsIndexed() {
        List<JsonNode> historyBefore = history("r5");
        assertThat(historyBefore).hasSize(1);

        HttpResponse<String> forged = call("POST", bulk(DATASET) + "?workspace=team-a", "{\"records\":["
                + "{\"id\":\"r5\",\"inputs\":{\"text\":\"Win money now\"},\"status\":\"Validated\","
                + "\"annotation\":{\"agent\":\"ana\",\"labels\":[{\"class\":\"evil-label\"}]}}," + prediction("r2") + "]}",
                machine);

        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(200);
        JsonNode answer = Stack.read(forged.body());
        assertThat(answer.path("processed").asInt()).isEqualTo(1);
        assertThat(answer.path("failed").asInt()).isEqualTo(1);
        assertThat(answer.at("/errors/0/id").asText()).isEqualTo("r5");
        assertThat(answer.at("/errors/0/field").asText()).isEqualTo("annotation");
        assertThat(answer.at("/errors/0/reason").asText()).startsWith("only people write human labels");
        assertThat(label("r5")).isEqualTo("ana:ham");
        assertThat(history("r5")).as("history unchanged").hasSize(1);
        assertThat(search("ids", "r2").path("total").asInt()).as("the machine's prediction is indexed").isEqualTo(1);
    }

    @Test
    void aKafkaProducerCannotForgeAHumanLabelItsPredictionsAreWrittenAndTheMessageIsDeadLettered() throws Exception {
        String key = "e2e-sec-" + RUN + "-forged";
        String envelope = "{\"workspace\":\"team-a\",\"dataset\":\"" + DATASET + "\",\"task\":\"TextClassification\","
                + "\"records\":[{\"id\":\"r5\",\"inputs\":{\"text\":\"Win money now\"},\"status\":\"Validated\","
                + "\"annotation\":{\"agent\":\"ana\",\"labels\":[{\"class\":\"evil-label\"}]}}," + prediction("k1") + "]}";
        String swapKey = "e2e-sec-" + RUN + "-swapped";
        String swap = "{\"workspace\":\"team-a\",\"dataset\":\"" + DATASET + "\",\"task\":\"TextClassification\","
                + "\"record\":{\"id\":\"r5\",\"inputs\":{\"text\":\"KAFKA swapped the text under ana's label\"}}}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Stack.kafkaProducerConfig())) {
            producer.send(new ProducerRecord<>("rubrix.records", key, envelope)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("rubrix.records", swapKey, swap)).get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<String, String> letter = firstWithKey("the bulk dead-lettered", "rubrix.records.dlq", key,
                Duration.ofSeconds(60));
        assertThat(letter.value()).as("untouched").isEqualTo(envelope);
        assertThat(new String(letter.headers().lastHeader("rubrix-dlq-reason").value(), StandardCharsets.UTF_8))
                .startsWith("records[0].annotation: only people write human labels");
        ConsumerRecord<String, String> swapped = firstWithKey("a new text under ana's label dead-lettered",
                "rubrix.records.dlq", swapKey, Duration.ofSeconds(60));
        assertThat(new String(swapped.headers().lastHeader("rubrix-dlq-reason").value(), StandardCharsets.UTF_8))
                .contains("its inputs cannot change under it");
        awaitTotal("k1", 1);
        assertThat(label("r5")).isEqualTo("ana:ham");
        assertThat(search("ids", "r5").at("/records/0/inputs/text").asText()).isEqualTo("Win money now");
        assertThat(history("r5")).hasSize(1);
    }

    @Test
    void anAnnotatorLabelsOnlyAsThemselvesWithAnImportInTheHistoryAndOnKafka() throws Exception {
        // From the topic's end: a stack that has run benchmarks holds millions of events, too many to read in a minute
        ConsumerRecord<String, String> event;
        List<JsonNode> events;
        try (KafkaConsumer<String, String> annotations = TracesTest.consumerAtTheEnd("rubrix.annotations")) {
            HttpResponse<String> logged = call("POST", bulk(DATASET),
                    "{\"records\":[" + labelled("r7", "spam", "bob") + "]}", ana);
            assertThat(Stack.read(logged.body()).path("processed").asInt()).as(logged.body()).isEqualTo(1);

            assertThat(label("r7")).as("credited to the caller, not the agent named").isEqualTo("ana:spam");
            events = history("r7");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("action").asText()).isEqualTo("import");
            assertThat(events.get(0).path("agent").asText()).isEqualTo("ana");
            event = firstWithKey("the import published by the relay", annotations, "rubrix.annotations",
                    "team-a/" + DATASET + "/r7", Duration.ofSeconds(60));
        }
        JsonNode published = Stack.read(event.value());
        assertThat(published.path("action").asText()).isEqualTo("import");
        assertThat(published.path("event_id").asText()).isEqualTo(events.get(0).path("event_id").asText());
    }

    @Test
    void anasNotebookKeyLogsLabelsAsAna() {
        String key = Stack.serviceAccountToken("rubrix-notebook-ana", "rubrix-notebook-ana-dev-secret");
        HttpResponse<String> logged = call("POST", bulk(DATASET), "{\"records\":[" + labelled("r8", "ham", "model") + "]}",
                key);
        assertThat(Stack.read(logged.body()).path("processed").asInt()).as(logged.body()).isEqualTo(1);

        assertThat(label("r8")).isEqualTo("ana:ham");
        assertThat(history("r8")).singleElement().satisfies(event -> assertThat(event.path("agent").asText()).isEqualTo("ana"));
    }

    /** Keycloak's microprofile-jwt scope puts realm roles in {@code groups}: they must never become workspaces. */
    @Test
    void askingForAnotherScopeDoesNotWidenTheWorkspaces() {
        String anaWithScope = scopedToken("ana", "ana-password", "openid microprofile-jwt");
        String bobWithScope = scopedToken("bob", "bob-password", "openid microprofile-jwt");

        assertThat(Stack.read(call("GET", "/api/me", null, anaWithScope).body()).path("user_groups").toString())
                .isEqualTo("[\"team-a\"]");
        assertThat(Stack.read(call("GET", "/api/me", null, bobWithScope).body()).path("user_groups").toString())
                .isEqualTo("[\"team-b\"]");
        for (String workspace : List.of("offline_access", "annotator", "team-a")) {
            assertThat(call("POST", "/api/datasets/" + DATASET + "/TextClassification:search?workspace=" + workspace,
                    "{}", bobWithScope).statusCode()).as("bob in " + workspace).isEqualTo(404);
        }
    }

    @Test
    void aNameWithAPatternOrAnIndexIsRefusedOnEveryRouteThatTakesOne() {
        String name = "sec-zz*%2Crubrix.records.team-a." + DATASET;
        String admin = Stack.token("admin", "admin-password");
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/datasets/" + name, null},
                new String[] {"PATCH", "/api/datasets/" + name, "{\"tags\":{}}"},
                new String[] {"DELETE", "/api/datasets/" + name, null},
                new String[] {"PUT", "/api/datasets/" + name + ":close", null},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification:bulk", "{\"records\":[]}"},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification:search",
                        "{\"sort\":[{\"field\":\"metadata.missing\",\"order\":\"asc\"}]}"},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification:summary", "{}"},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification:series", "{\"interval\":\"1d\"}"},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification/data", "{}"},
                new String[] {"GET", "/api/datasets/" + name + "/TextClassification/data?format=csv", null},
                new String[] {"GET", "/api/datasets/" + name + "/snapshots", null},
                new String[] {"POST", "/api/datasets/" + name + "/snapshots", "{}"},
                new String[] {"GET", "/api/datasets/" + name + "/snapshots/20261128t100000-bbbbbbbb", null},
                new String[] {"GET", "/api/datasets/" + name + "/snapshots/20261128t100000-bbbbbbbb/data", null},
                new String[] {"DELETE", "/api/datasets/" + name + "/snapshots/20261128t100000-bbbbbbbb", null},
                new String[] {"GET", "/api/datasets/" + name + "/TextClassification/records/r5/annotation", null},
                new String[] {"PUT", "/api/datasets/" + name + "/TextClassification/records/r5/annotation",
                        "{\"status\":\"Discarded\",\"version\":\"1.1\"}"},
                new String[] {"GET", "/api/datasets/" + name + "/TextClassification/records/r5/history", null},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification/bulk-annotations",
                        "{\"ids\":[\"r5\"],\"status\":\"Discarded\"}"},
                new String[] {"POST", "/api/datasets/" + name + "/TextClassification/bulk-deletions", "{\"ids\":[\"r5\"]}"},
                new String[] {"PUT", "/api/datasets/" + name + "/settings", "{\"labels\":[\"x\"]}"},
                new String[] {"POST", "/api/datasets/" + name + "/settings/schema-from-records", null});
        List<String> wrong = new ArrayList<>();
        for (String[] route : routes) {
            HttpResponse<String> answer = call(route[0], route[1], route[2], admin);
            if (answer.statusCode() != 422 || !answer.body().contains("does not match")
                    || answer.body().contains("rubrix.records.team-b")) {
                wrong.add(route[0] + " " + route[1] + ": " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(label("r5")).as("nothing changed").isEqualTo("ana:ham");
    }

    @Test
    void healthAndMetricsAreNotServedThroughTheGatewayNorOnThePublicPorts() {
        List<String> wrong = new ArrayList<>();
        for (String base : List.of(Stack.GATEWAY, "http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083")) {
            for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/api/%2e%2e/q/metrics",
                    "/api/../q/metrics", "//q/metrics", "/api/datasets/%2e%2e/%2e%2e/q/metrics")) {
                HttpResponse<String> answer = Stack.send(HTTP, HttpRequest.newBuilder(URI.create(base + path)).GET().build());
                if (answer.statusCode() != 404 || answer.body().contains("jvm_") || answer.body().contains("\"checks\"")) {
                    wrong.add(base + path + ": " + answer.statusCode());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void metricsOnTheManagementPortsCarryNoRawPaths() {
        call("GET", "/api/datasets/" + DATASET + "/TextClassification/records/r5/history", null, ana);
        call("GET", "/api/datasets/" + DATASET + "/TextClassification/records/secret-id-" + RUN + "/annotation", null, ana);
        for (String management : List.of("http://127.0.0.1:9900", "http://127.0.0.1:9081", "http://127.0.0.1:9082",
                "http://127.0.0.1:9083")) {
            HttpResponse<String> metrics = Stack.send(HTTP, HttpRequest.newBuilder(URI.create(management + "/q/metrics"))
                    .GET().build());
            assertThat(metrics.statusCode()).as(management).isEqualTo(200);
            assertThat(metrics.body()).as(management).contains("http_server_requests")
                    .doesNotContain(DATASET).doesNotContain("secret-id-" + RUN);
        }
    }

    private static String scopedToken(String username, String password, String scope) {
        HttpResponse<String> answer = Stack.send(HTTP, HttpRequest.newBuilder(URI.create(Stack.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Stack.form("grant_type", "password", "client_id", "rubrix-client", "username", username,
                        "password", password, "scope", scope)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Stack.read(answer.body()).path("access_token").asText();
    }

    /** {@code agent:label} of the record's annotation, as ana reads it. */
    private static String label(String id) {
        JsonNode record = search("ids", id).at("/records/0");
        return record.at("/annotation/agent").asText() + ":" + record.at("/annotation/labels/0/class").asText();
    }

    private static JsonNode search(String field, String value) {
        HttpResponse<String> answer = call("POST", "/api/datasets/" + DATASET + "/TextClassification:search",
                "{\"query\":{\"" + field + "\":[\"" + value + "\"]}}", ana);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Stack.read(answer.body());
    }

    private static void awaitTotal(String id, int total) {
        await("a search for id " + id + " to find " + total).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(search("ids", id).path("total").asInt()).isEqualTo(total));
    }

    private static List<JsonNode> history(String id) {
        HttpResponse<String> answer = call("GET", "/api/datasets/" + DATASET + "/TextClassification/records/" + id
                + "/history", null, ana);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        Stack.read(answer.body()).forEach(events::add);
        return events;
    }

    /** The first message keyed {@code key} on {@code topic}, awaited as {@code what}. */
    private static ConsumerRecord<String, String> firstWithKey(String what, String topic, String key, Duration within) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-sec-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            return firstWithKey(what, consumer, topic, key, within);
        }
    }

    private static ConsumerRecord<String, String> firstWithKey(String what, KafkaConsumer<String, String> consumer,
            String topic, String key, Duration within) {
        // A consumer is not thread-safe: it is polled in the test's thread.
        return await(what + " (a message keyed " + key + " on " + topic + ")").atMost(within).pollInSameThread()
                .until(() -> firstWithKey(consumer.poll(Duration.ofMillis(500)), key), Objects::nonNull);
    }

    private static ConsumerRecord<String, String> firstWithKey(Iterable<ConsumerRecord<String, String>> records,
            String key) {
        for (ConsumerRecord<String, String> record : records) {
            if (key.equals(record.key())) {
                return record;
            }
        }
        return null;
    }


    private static String bulk(String dataset) {
        return "/api/datasets/" + dataset + "/TextClassification:bulk";
    }

    /** A record as the Rubrix client sends one with an annotation (status Validated). */
    private static String labelled(String id, String label, String agent) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"Win money now\"},\"status\":\"Validated\","
                + "\"annotation\":{\"agent\":\"" + agent + "\",\"labels\":[{\"class\":\"" + label + "\"}]}}";
    }

    private static String prediction(String id) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"Win money now\"},\"prediction\":{\"agent\":\"nb\","
                + "\"labels\":[{\"class\":\"spam\",\"confidence\":0.9},{\"class\":\"ham\",\"confidence\":0.1}]}}";
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return RoleMatrixTest.call(method, path, body, token);
    }
}

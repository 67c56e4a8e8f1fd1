package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.e2e.OtlpReceiver.ReceivedSpan;

/**
 * One trace per request across processes (issue 32, docs/adr/0016-fleet-and-traces.md): the four apps, started with
 * traces on beside the stack ({@link AppCopies}; the stack runs without), export to a collector in this process ({@link OtlpReceiver}). A
 * search runs caller -> gateway -> query-service -> Elasticsearch in one trace; a Kafka record's producer trace goes on
 * in ingest-service and into its Elasticsearch bulk; a label's trace goes on into its event on
 * {@code rubrix.annotations}.
 */
class TracesTest {

    private static final String KAFKA = System.getProperty("rubrix.e2e.kafka", "127.0.0.1:9092");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String DATASET = RemoveTestDatasets.PREFIX + "traces-" + RUN;
    private static final String TOPIC = "rubrix-e2e-traces-" + RUN;

    private static OtlpReceiver collector;
    /** The traced copies' ports: the stack's + this. */
    private static final int OFFSET = 20000;
    private static AppCopies apps;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        collector = new OtlpReceiver();
        Map<String, String> traced = Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        Map<String, String> ingest = new HashMap<>(traced);
        ingest.put("MP_MESSAGING_INCOMING_RECORDS_IN_TOPIC", TOPIC); // its own topic: the stack's ingest reads the other
        ingest.put("MP_MESSAGING_INCOMING_RECORDS_IN_GROUP_ID", "rubrix-e2e-traces-" + RUN);
        environments.put("ingest-service", ingest);
        environments.put("query-service", traced);
        environments.put("annotation-service", traced);
        Map<String, String> gateway = new HashMap<>(traced);
        gateway.put("RUBRIX_GATEWAY_INGEST_URL", "http://127.0.0.1:" + (8081 + OFFSET));
        gateway.put("RUBRIX_GATEWAY_QUERY_URL", "http://127.0.0.1:" + (8082 + OFFSET));
        gateway.put("RUBRIX_GATEWAY_ANNOTATION_URL", "http://127.0.0.1:" + (8083 + OFFSET));
        environments.put("ui", gateway);
        apps = new AppCopies(OFFSET, environments);
        String machine = Stack.serviceAccountToken("rubrix-ingest", "rubrix-ingest-dev-secret");
        HttpResponse<String> logged = call("POST", "/api/datasets/" + DATASET + "/TextClassification:bulk?workspace=team-a",
                "{\"records\":[{\"id\":\"r1\",\"inputs\":{\"text\":\"a traced record\"},"
                        + "\"prediction\":{\"agent\":\"m1\",\"labels\":[{\"class\":\"ham\",\"confidence\":0.9}]}}]}",
                machine, null);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void aSearchIsOneTraceFromTheCallerThroughTheGatewayAndQueryServiceToElasticsearch() {
        String trace = newTraceId();
        String callerSpan = newSpanId();
        HttpResponse<String> answer = call("POST", "/api/datasets/" + DATASET + "/TextClassification:search?workspace=team-a",
                "{\"query\":{\"query_text\":\"traced\"}}", Stack.token("ana", "ana-password"),
                "00-" + trace + "-" + callerSpan + "-01");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Stack.read(answer.body()).path("total").asLong()).isEqualTo(1);

        // a span is exported when it ends: the services' server spans after their calls to Elasticsearch
        List<ReceivedSpan> spans = await("the search's spans").atMost(Duration.ofSeconds(20))
                .until(() -> collector.ofTrace(trace), found -> found.stream().filter(span -> span.kind().equals("SERVER"))
                        .map(ReceivedSpan::service).distinct().count() == 2);
        ReceivedSpan gateway = only(spans, "ui", "SERVER");
        assertThat(gateway.parentSpanId()).as("the gateway continues the caller's trace").isEqualTo(callerSpan);
        ReceivedSpan proxied = only(spans, "ui", "CLIENT");
        assertThat(proxied.childOf(gateway)).as(proxied + " under " + gateway).isTrue();
        ReceivedSpan service = only(spans, "query-service", "SERVER");
        assertThat(service.childOf(proxied)).as("query-service's span under the gateway's call: " + spans).isTrue();
        assertThat(service.name()).startsWith("POST /api/datasets/{name}/").endsWith(":search");
        List<ReceivedSpan> storage = spans.stream().filter(span -> span.name().startsWith("elasticsearch ")).toList();
        assertThat(storage).as("Elasticsearch calls of the search").isNotEmpty()
                .allSatisfy(span -> {
                    assertThat(span.service()).isEqualTo("query-service");
                    assertThat(span.kind()).isEqualTo("CLIENT");
                    assertThat(span.attributes()).containsEntry("db.system.name", "elasticsearch");
                    assertThat(descendsFrom(span, service, spans)).as(span + " under " + service).isTrue();
                });
        assertThat(storage).extracting(ReceivedSpan::name).contains("elasticsearch msearch");
    }

    @Test
    void aKafkaRecordContinuesItsProducersTraceIntoIngestAndItsElasticsearchBulk() throws Exception {
        String trace = newTraceId();
        String producerSpan = newSpanId();
        String envelope = "{\"workspace\":\"team-a\",\"dataset\":\"" + DATASET + "\",\"task\":\"TextClassification\","
                + "\"record\":{\"id\":\"k1\",\"inputs\":{\"text\":\"from a traced producer\"}}}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Stack.kafkaProducerConfig())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "k1", envelope);
            record.headers().add("traceparent", ("00-" + trace + "-" + producerSpan + "-01").getBytes(StandardCharsets.US_ASCII));
            producer.send(record).get();
        }

        List<ReceivedSpan> spans = await("the ingest spans of the Kafka record").atMost(Duration.ofSeconds(60))
                .until(() -> collector.ofTrace(trace), found -> found.stream()
                        .anyMatch(span -> span.name().equals("elasticsearch bulk")));
        ReceivedSpan consumer = only(spans, "ingest-service", "CONSUMER");
        assertThat(consumer.parentSpanId()).as("ingest continues the producer's trace").isEqualTo(producerSpan);
        assertThat(consumer.name()).isEqualTo(TOPIC + " process");
        assertThat(consumer.attributes()).containsEntry("messaging.system", "kafka")
                .containsEntry("rubrix.dataset", "team-a/" + DATASET);
        ReceivedSpan bulk = spans.stream().filter(span -> span.name().equals("elasticsearch bulk")).findFirst().orElseThrow();
        assertThat(descendsFrom(bulk, consumer, spans)).as(bulk + " under " + consumer + ": " + spans).isTrue();
        await("the record searchable").atMost(Duration.ofSeconds(20)).until(() -> Stack.read(call("POST",
                "/api/datasets/" + DATASET + "/TextClassification:search?workspace=team-a", "{\"query\":{\"ids\":[\"k1\"]}}",
                Stack.token("ana", "ana-password"), null).body()).path("total").asLong() == 1);
    }

    @Test
    void aLabelsTraceGoesOnIntoItsEventOnTheAnnotationsTopic() {
        String ana = Stack.token("ana", "ana-password");
        String path = "/api/datasets/" + DATASET + "/TextClassification/records/r1/annotation?workspace=team-a";
        String version = Stack.read(call("GET", path, null, ana, null).body()).path("version").asText();
        try (KafkaConsumer<String, String> events = consumerAtTheEnd("rubrix.annotations")) {
            String trace = newTraceId();
            HttpResponse<String> labelled = call("PUT", path, "{\"annotation\":{\"labels\":[{\"class\":\"spam\"}]},"
                    + "\"version\":\"" + version + "\"}", ana, "00-" + trace + "-" + newSpanId() + "-01");
            assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);

            String key = "team-a/" + DATASET + "/r1";
            ConsumerRecord<String, String> event = await("the label's event on rubrix.annotations")
                    .atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .until(() -> withKey(events, key), Objects::nonNull);
            Header header = event.headers().lastHeader("traceparent");
            assertThat(header).as("the event carries a traceparent").isNotNull();
            String traceParent = new String(header.value(), StandardCharsets.US_ASCII);
            assertThat(traceParent).as("the event continues the label's trace").startsWith("00-" + trace + "-");
            JsonNode body = Stack.read(event.value());
            assertThat(body.path("agent").asText()).isEqualTo("ana");
            assertThat(body.at("/after/annotation/labels/0/class").asText()).isEqualTo("spam");

            // the span the event names: the relay's publication span when the relay that sent it traces (the traced
            // copy's), else the labelling request's own (the stack's relay, tracing off, passes on what the history kept)
            String eventParent = traceParent.split("-")[2];
            List<ReceivedSpan> spans = await("the label's spans, with the one the event names (" + traceParent + ")")
                    .atMost(Duration.ofSeconds(20)).until(() -> collector.ofTrace(trace),
                            found -> found.stream().anyMatch(span -> span.spanId().equals(eventParent)));
            ReceivedSpan service = only(spans, "annotation-service", "SERVER");
            ReceivedSpan named = spans.stream().filter(span -> span.spanId().equals(eventParent)).findFirst().orElseThrow();
            assertThat(named == service || descendsFrom(named, service, spans)).as(named + " under " + service).isTrue();
        }
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String service, String kind) {
        List<ReceivedSpan> found = spans.stream()
                .filter(span -> service.equals(span.service()) && span.kind().equals(kind)).toList();
        assertThat(found).as(service + " " + kind + " spans in " + spans).hasSize(1);
        return found.get(0);
    }

    private static boolean descendsFrom(ReceivedSpan span, ReceivedSpan ancestor, List<ReceivedSpan> trace) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 20 && current != null; depth++) {
            if (current.childOf(ancestor)) {
                return true;
            }
            String parent = current.parentSpanId();
            current = trace.stream().filter(candidate -> candidate.spanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    /** A consumer of {@code topic} positioned at its end: it sees what comes next only. */
    static KafkaConsumer<String, String> consumerAtTheEnd(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-traces-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        // the partitions assigned and positioned at their ends before anything is labelled
        await("the consumer's partitions").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(200));
            return !consumer.assignment().isEmpty();
        });
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private static ConsumerRecord<String, String> withKey(KafkaConsumer<String, String> consumer, String key) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            if (key.equals(record.key())) {
                return record;
            }
        }
        return null;
    }


    private static HttpResponse<String> call(String method, String path, String body, String token, String traceParent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apps.gateway() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        if (traceParent != null) {
            request.header("traceparent", traceParent);
        }
        return Stack.send(HttpClient.newHttpClient(), request.build());
    }

    private static String newTraceId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static String newSpanId() {
        return HexFormat.of().formatHex(randomBytes(8));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}

package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.client.ClientCredentials;
import io.rubrix.client.LogOptions;
import io.rubrix.client.LogSummary;
import io.rubrix.client.Rubrix;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;

/**
 * Two replicas of ingest-service, query-service and annotation-service (the stack's, and a copy on its ports + {@value #OFFSET}) behind
 * a gateway that balances over both (a copy of the gateway), one replica killed with {@code kill -9} in the middle of
 * the work (issue 32, docs/adr/0016-fleet-and-traces.md): searches, the SDK's HTTP logging, a 100,000-record Kafka stream, a bulk job
 * (a second annotation-service). Nothing is lost, nothing counted twice, and the gateway answers no error once the dead
 * replica is left out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {

    private static final int OFFSET = 21000;
    private static final String KAFKA = System.getProperty("rubrix.e2e.kafka", "127.0.0.1:9092");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /** Longer than the gateway takes to leave a dead replica out (its readiness every 2 s; a refused connection at once). */
    private static final Duration LEAVING_OUT = Duration.ofSeconds(3);

    private static AppCopies copies;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSecondReplicas() throws Exception {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        // the stack's Kafka group: the two share rubrix.records. A session of 10 s (45 s by default): when this one
        // dies, its partitions go to the stack's that much sooner
        environments.put("ingest-service", Map.of("KAFKA_SESSION_TIMEOUT_MS", "10000"));
        environments.put("query-service", Map.of());
        environments.put("annotation-service", Map.of());
        environments.put("ui", Map.of(
                "RUBRIX_GATEWAY_INGEST_URL", "http://127.0.0.1:8081,http://127.0.0.1:" + (8081 + OFFSET),
                "RUBRIX_GATEWAY_QUERY_URL", "http://127.0.0.1:8082,http://127.0.0.1:" + (8082 + OFFSET),
                "RUBRIX_GATEWAY_ANNOTATION_URL", "http://127.0.0.1:8083,http://127.0.0.1:" + (8083 + OFFSET)));
        copies = new AppCopies(OFFSET, environments);
    }

    @AfterAll
    static void stop() {
        if (copies != null) {
            copies.close();
        }
    }

    @Test
    @Order(1)
    void searchesOutliveAQueryReplicaKilledInTheirMidst() throws Exception {
        String ana = Stack.token("ana", "ana-password");
        long expected = total(ana);
        assertThat(expected).as("the demo corpus' hits for the query").isPositive();
        record Answer(long atMillis, int status, long total) {
        }
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean going = new AtomicBoolean(true);
        long start = System.currentTimeMillis();
        ExecutorService searchers = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            searchers.submit(() -> {
                while (going.get()) {
                    HttpResponse<String> answer = search(ana);
                    answers.add(new Answer(System.currentTimeMillis() - start, answer.statusCode(),
                            answer.statusCode() == 200 ? Stack.read(answer.body()).path("total").asLong() : -1));
                }
            });
        }
        AppCopies.sleep(2000);
        long killedAt = System.currentTimeMillis() - start;
        copies.kill("query-service");
        AppCopies.sleep(6000);
        going.set(false);
        searchers.shutdown();
        assertThat(searchers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<Answer> before = answers.stream().filter(a -> a.atMillis() < killedAt).toList();
        List<Answer> after = answers.stream().filter(a -> a.atMillis() > killedAt + LEAVING_OUT.toMillis()).toList();
        List<Answer> failedMeanwhile = answers.stream().filter(a -> a.status() != 200).toList();
        assertThat(before).as("searches before the kill").isNotEmpty().allMatch(a -> a.status() == 200);
        assertThat(after).as("searches once the dead replica is left out").hasSizeGreaterThan(10)
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers).filteredOn(a -> a.status() == 200).allMatch(a -> a.total() == expected);
        assertThat(failedMeanwhile).as("only searches in flight on the dead replica may fail").hasSizeLessThanOrEqualTo(4);

        copies.restart("query-service");
        await("the replica back in turn").atMost(Duration.ofSeconds(10)).until(() -> search(ana).statusCode() == 200);
    }

    @Test
    @Order(2)
    void theSdksLoggingOutlivesAnIngestReplicaKilledInItsMidst() throws Exception {
        String dataset = RemoveTestDatasets.PREFIX + "fleet-http-" + RUN;
        List<TextClassificationRecord> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            records.add(record("h" + i, "logged over HTTP, record " + i));
        }
        Rubrix sdk = Rubrix.init(copies.gateway(), new ClientCredentials(Stack.REALM + "/protocol/openid-connect/token",
                "rubrix-ingest", "rubrix-ingest-dev-secret"));
        AtomicLong logged = new AtomicLong();
        CompletableFuture<LogSummary> logging = CompletableFuture.supplyAsync(() -> sdk.log(records, dataset,
                LogOptions.DEFAULT.withSearchable(false).withProgress((done, total) -> logged.set(done), records.size())));
        await("a few chunks logged").atMost(Duration.ofSeconds(60)).until(() -> logged.get() >= 2_000);
        copies.kill("ingest-service");
        LogSummary summary = logging.get(180, TimeUnit.SECONDS);

        assertThat(summary.processed()).isEqualTo(20_000);
        assertThat(summary.failed()).isZero();
        awaitCount(dataset, 20_000);
        copies.restart("ingest-service");

        // a cursor is no replica's: its pages asked of the two query-service replicas in turn reach every record once
        String ana = Stack.token("ana", "ana-password");
        List<String> replicas = List.of("http://127.0.0.1:8082", copies.url("query-service"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            String body = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
            HttpResponse<String> page = Stack.send(http, HttpRequest.newBuilder(URI.create(replicas.get(pages % 2)
                            + "/api/datasets/" + dataset + "/TextClassification:search?workspace=team-a&limit=1000"))
                    .header("Authorization", "Bearer " + ana).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode answer = Stack.read(page.body());
            answer.path("records").forEach(record -> assertThat(seen.add(record.path("id").asText()))
                    .as("seen once: " + record.path("id").asText()).isTrue());
            cursor = answer.path("next_cursor").asText(null);
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(20_000);
        assertThat(pages).isBetween(20, 21);
    }

    @Test
    @Order(3)
    void aKafkaStreamOutlivesAnIngestReplicaKilledInItsMidst() throws Exception {
        String dataset = RemoveTestDatasets.PREFIX + "fleet-kafka-" + RUN;
        int count = 100_000;
        AtomicLong sent = new AtomicLong();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Stack.kafkaProducerConfig())) {
                for (int i = 0; i < count; i++) {
                    String envelope = "{\"workspace\":\"team-a\",\"dataset\":\"" + dataset + "\",\"task\":\"TextClassification\","
                            + "\"record\":{\"id\":\"k" + i + "\",\"inputs\":{\"text\":\"streamed record " + i + "\"}}}";
                    producer.send(new ProducerRecord<>("rubrix.records", "k" + i, envelope));
                    sent.incrementAndGet();
                    if (i % 10_000 == 9_999) {
                        producer.flush();
                        AppCopies.sleep(500); // a stream, not one burst: the kill lands in its middle
                    }
                }
            }
        });
        await("the second replica writing part of the stream").atMost(Duration.ofSeconds(90))
                .until(() -> kafkaRecordsWrittenByTheCopy() > 0);
        copies.kill("ingest-service");
        producing.get(120, TimeUnit.SECONDS);
        assertThat(sent.get()).isEqualTo(count);
        // the dead consumer's partitions go to the other one after its session timeout; it starts from the last
        // offsets committed, which were committed only once Elasticsearch had the records
        awaitCount(dataset, count, Duration.ofSeconds(180));
        copies.restart("ingest-service");
    }

    @Test
    @Order(4)
    void aBulkJobOutlivesTheAnnotationReplicaRunningIt() throws Exception {
        String dataset = RemoveTestDatasets.PREFIX + "fleet-job-" + RUN;
        int count = 50_000;
        List<TextClassificationRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record("j" + i, "to be validated by a job, record " + i));
        }
        Rubrix sdk = Rubrix.init(Stack.GATEWAY, new ClientCredentials(Stack.REALM + "/protocol/openid-connect/token",
                "rubrix-ingest", "rubrix-ingest-dev-secret"));
        assertThat(sdk.log(records, dataset, LogOptions.DEFAULT.withSearchable(false)).processed()).isEqualTo(count);
        awaitCount(dataset, count);
        String ana = Stack.token("ana", "ana-password");
        try (KafkaConsumer<String, String> events = TracesTest.consumerAtTheEnd("rubrix.annotations")) {
            // started on the second replica itself, which is then killed while it runs the job
            HttpResponse<String> started = Stack.send(http, HttpRequest.newBuilder(URI.create(copies.url("annotation-service")
                            + "/api/datasets/" + dataset + "/TextClassification/bulk-annotations?workspace=team-a"))
                    .header("Authorization", "Bearer " + ana).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{},\"status\":\"Validated\"}")).build());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String job = "/api/jobs/" + Stack.read(started.body()).path("id").asText();
            String jobId = Stack.read(started.body()).path("id").asText();
            // killed with a page in flight: kept (PagesInFlight), on its way to Elasticsearch, not yet saved as done
            await("the job's first pages, and a page in flight").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Stack.read(RoleMatrixTest.call("GET", job, null, ana).body()).path("done").asLong() > 0
                            && pagesInFlight(jobId) > 0);
            copies.kill("annotation-service");
            long doneWhenKilled = Stack.read(RoleMatrixTest.call("GET", job, null, ana).body()).path("done").asLong();
            assertThat(doneWhenKilled).as("killed in the middle of the job").isLessThan(count);

            // the stack's replica takes it over once the lease (30 s) runs out, at its next look (every 10 s)
            JsonNode finished = await("the job taken over and done").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> Stack.read(RoleMatrixTest.call("GET", job, null, ana)
                            .body()), answer -> !answer.path("state").asText().equals("running"));
            assertThat(finished.path("state").asText()).isEqualTo("done");
            assertThat(finished.path("done").asLong()).as("every record counted once").isEqualTo(count);
            assertThat(finished.path("failed").asLong() + finished.path("conflicts").asLong()).isZero();
            assertThat(Stack.read(RoleMatrixTest.call("POST", "/api/datasets/" + dataset + "/TextClassification:search"
                    + "?limit=0&workspace=team-a", "{\"query\":{\"status\":[\"Validated\"]}}", ana).body())
                    .path("total").asLong()).isEqualTo(count);

            // its label events: one per record, the dead replica's pages in flight included (kept before they were
            // written, settled by the replica taking over); a copy sent twice keeps its event_id
            Map<String, java.util.Set<String>> eventIdsByRecord = new java.util.HashMap<>();
            Map<String, String> statusBefore = new java.util.HashMap<>();
            await("the job's label events on rubrix.annotations").atMost(Duration.ofSeconds(180)).pollInSameThread()
                    .until(() -> {
                        collectEvents(events, jobId, eventIdsByRecord, statusBefore);
                        return eventIdsByRecord.size() >= count;
                    });
            long quietUntil = System.currentTimeMillis() + 5_000; // and whatever comes after
            while (System.currentTimeMillis() < quietUntil) {
                collectEvents(events, jobId, eventIdsByRecord, statusBefore);
            }
            assertThat(eventIdsByRecord).hasSize(count);
            assertThat(eventIdsByRecord.values()).as("no record labelled twice by the job").allMatch(ids -> ids.size() == 1);
            assertThat(statusBefore.values()).as("every event from the record as it was before the job (none from a "
                    + "second write of a record the dead replica had written)").containsOnly("Default");
        }
        copies.restart("annotation-service");
    }

    /** The pages of {@code jobId} kept in flight now, as Elasticsearch has them (the stack's, on its usual port). */
    private long pagesInFlight(String jobId) throws Exception {
        String elasticsearch = "http://127.0.0.1:9200/rubrix.jobs";
        http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        String count = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_count"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"term\":{\"page_of\":\"" + jobId + "\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return Stack.read(count).path("count").asLong();
    }

    /** The job's events by record: event ids, and each record's status before the event (their first). */
    private static void collectEvents(KafkaConsumer<String, String> events, String jobId,
            Map<String, java.util.Set<String>> eventIdsByRecord, Map<String, String> statusBefore) {
        for (var event : events.poll(Duration.ofMillis(500))) {
            JsonNode body = Stack.read(event.value());
            if (jobId.equals(body.path("job_id").asText())) {
                String record = body.path("record_id").asText();
                eventIdsByRecord.computeIfAbsent(record, id -> new java.util.HashSet<>()).add(body.path("event_id").asText());
                statusBefore.merge(record, body.path("before").path("status").asText(), (first, next) -> first);
            }
        }
    }

    private long kafkaRecordsWrittenByTheCopy() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + copies.managementPort("ingest-service") + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith("rubrix_ingest_records_total") && line.contains("source=\"kafka\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (Exception notYet) {
            return 0;
        }
    }

    private long total(String token) {
        return Stack.read(search(token).body()).path("total").asLong(-1);
    }

    private HttpResponse<String> search(String token) {
        return Stack.send(http, HttpRequest.newBuilder(URI.create(copies.gateway()
                        + "/api/datasets/spam-assassin/TextClassification:search?workspace=team-a&limit=5"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"query_text\":\"money\"}}")).build());
    }

    private static void awaitCount(String dataset, long count) {
        awaitCount(dataset, count, Duration.ofSeconds(90));
    }

    private static void awaitCount(String dataset, long count, Duration within) {
        String token = Stack.token("ana", "ana-password");
        await(count + " records of " + dataset).atMost(within).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(Stack.read(RoleMatrixTest.call("POST", "/api/datasets/" + dataset
                        + "/TextClassification:search?limit=0&workspace=team-a", "{}", token).body()).path("total").asLong(-1))
                        .isEqualTo(count));
    }

    private static TextClassificationRecord record(String id, String text) {
        return new TextClassificationRecord(RecordId.of(id), Map.of(), null, null,
                new TextClassificationAnnotation("model-v1", List.of(new ClassPrediction("ham", 0.7))),
                null, Map.of("text", text), false, null, null, null);
    }

}

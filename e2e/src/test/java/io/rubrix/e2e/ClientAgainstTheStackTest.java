package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.client.ClientCredentials;
import io.rubrix.client.KafkaRecordLogger;
import io.rubrix.client.LogOptions;
import io.rubrix.client.LogSummary;
import io.rubrix.client.RetryPolicy;
import io.rubrix.client.Rubrix;
import io.rubrix.common.testing.TcpProxy;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.snapshot.DatasetSnapshot;

/** The Java SDK against the real stack, through the gateway, with tokens from the real Keycloak. */
class ClientAgainstTheStackTest {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /** The ingest service account, its tokens fetched (and renewed) by the SDK itself. */
    private final Rubrix ingest = Rubrix.init(Stack.GATEWAY, new ClientCredentials(
            Stack.REALM + "/protocol/openid-connect/token", "rubrix-ingest", "rubrix-ingest-dev-secret"));

    @Test
    void aHundredThousandRecordsLoggedAreLoadedBackEqual() {
        String dataset = "e2e-sdk-" + RUN;
        List<TextClassificationRecord> sent = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            sent.add(record("r" + i, "record number " + i + " of the SDK test", i % 3 == 0 ? "spam" : "ham",
                    0.5 + (i % 50) / 100.0, Map.of("source", "sdk", "batch", i / 1000)));
        }
        AtomicLong lastProgress = new AtomicLong();
        LogSummary summary = ingest.log(sent, dataset, LogOptions.DEFAULT.withSearchable(false)
                .withProgress((done, total) -> lastProgress.set(done), sent.size()));
        assertThat(summary.processed()).isEqualTo(100_000);
        assertThat(summary.failed()).isZero();
        assertThat(lastProgress.get()).isEqualTo(100_000);

        Map<String, TextClassificationRecord> byId = new HashMap<>();
        sent.forEach(record -> byId.put(record.id().value(), record));
        AtomicLong loaded = new AtomicLong();
        List<String> different = new ArrayList<>();
        awaitCount(dataset, 100_000);
        try (Stream<TextClassificationRecord> records = ingest.load(dataset, TextClassificationRecord.class)) {
            records.forEach(record -> {
                loaded.incrementAndGet();
                TextClassificationRecord original = byId.remove(record.id().value());
                if (original == null || !original.inputs().equals(record.inputs())
                        || !original.prediction().equals(record.prediction())
                        || !String.valueOf(original.metadata()).equals(String.valueOf(record.metadata()))) {
                    different.add(record.id().value());
                }
            });
        }
        assertThat(loaded.get()).isEqualTo(100_000);
        assertThat(byId).as("records never loaded").isEmpty();
        assertThat(different).as("records loaded different from what was logged").isEmpty();
    }

    @Test
    void aSnapshotOfTheValidatedRecordsGoesRoundTrip() {
        String dataset = "e2e-sdk-snap-" + RUN;
        List<TextClassificationRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TextClassificationRecord record = record("s" + i, "text " + i, "ham", 0.9, Map.of());
            if (i < 4) {
                record = new TextClassificationRecord(record.id(), record.metadata(), null, RecordStatus.Validated,
                        record.prediction(), new TextClassificationAnnotation("ana", List.of(new ClassPrediction("spam", null))),
                        record.inputs(), false, null, null, null);
            }
            records.add(record);
        }
        // validated records carry a person's work: a person logs them (the ingest account may not)
        Rubrix ana = Rubrix.init(Stack.GATEWAY, Stack.token("ana", "ana-password"));
        assertThat(ana.log(records, dataset).processed()).isEqualTo(10);

        DatasetSnapshot created = ingest.snapshot(dataset, null);
        assertThat(created.count()).isEqualTo(4);
        assertThat(ingest.snapshots(dataset)).extracting(DatasetSnapshot::id).contains(created.id());
        List<JsonNode> rows;
        try (Stream<JsonNode> stream = ingest.load(dataset, created.id())) {
            rows = stream.toList();
        }
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(row -> row.path("id").asText()).containsExactlyInAnyOrder("s0", "s1", "s2", "s3");
        assertThat(rows).allSatisfy(row -> assertThat(row.path("text").asText()).startsWith("text "));
        Rubrix admin = Rubrix.init(Stack.GATEWAY, Stack.token("admin", "admin-password"));
        admin.deleteSnapshot(dataset, created.id());
        assertThat(ingest.snapshots(dataset)).extracting(DatasetSnapshot::id).doesNotContain(created.id());
    }

    @Test
    void aCallRefusedWhileTheGatewayIsUnreachableIsRetriedAndLandsOnce() throws Exception {
        String dataset = "e2e-sdk-retry-" + RUN;
        URI gateway = URI.create(Stack.GATEWAY);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (TcpProxy proxy = new TcpProxy(gateway.getHost(), gateway.getPort()).start()) {
            Rubrix throughProxy = Rubrix.init("http://127.0.0.1:" + proxy.port(),
                    Stack.serviceAccountToken("rubrix-ingest", "rubrix-ingest-dev-secret"))
                    .withRetries(new RetryPolicy(6, Duration.ofMillis(300)));
            proxy.cut();
            timer.schedule(proxy::restore, 1_500, TimeUnit.MILLISECONDS);
            Instant started = Instant.now();
            LogSummary summary = throughProxy.log(List.of(record("t1", "through a flaky network", "ham", 0.7, Map.of()),
                    record("t2", "and again", "spam", 0.6, Map.of())), dataset);
            assertThat(Duration.between(started, Instant.now())).isGreaterThan(Duration.ofMillis(1_400));
            assertThat(summary.processed()).isEqualTo(2);
        } finally {
            timer.shutdownNow();
        }
        try (Stream<TextClassificationRecord> records = ingest.load(dataset, TextClassificationRecord.class)) {
            assertThat(records.map(r -> r.id().value()).toList()).containsExactlyInAnyOrder("t1", "t2");
        }
    }

    @Test
    void recordsSentByTheKafkaLoggerArriveThroughIngestService() throws Exception {
        String dataset = "e2e-sdk-kafka-" + RUN;
        List<CompletableFuture<?>> acknowledged = new ArrayList<>();
        try (KafkaRecordLogger logger = KafkaRecordLogger.connect("127.0.0.1:9092", "team-a")) {
            for (int i = 0; i < 50; i++) {
                acknowledged.add(logger.log(record("k" + i, "from production " + i, "ham", 0.8, Map.of()), dataset));
            }
            acknowledged.add(logger.log(List.of(record("k50", "a batch of one", "spam", 0.6, Map.of())), dataset));
            logger.flush();
        }
        CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        awaitCount(dataset, 51);
        try (Stream<TextClassificationRecord> records = ingest.load(dataset, TextClassificationRecord.class)) {
            List<TextClassificationRecord> all = records.toList();
            assertThat(all).hasSize(51);
            assertThat(all).filteredOn(r -> r.id().value().equals("k7")).singleElement()
                    .satisfies(r -> assertThat(r.inputs()).isEqualTo(Map.of("text", "from production 7")));
        }
    }

    /** Waits until the dataset exists and its export has {@code count} records (Kafka and refresh are asynchronous). */
    private void awaitCount(String dataset, long count) {
        String token = Stack.token("ana", "ana-password");
        await(count + " records of " + dataset + " searchable").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(Stack.read(RoleMatrixTest.call("POST", "/api/datasets/" + dataset
                        + "/TextClassification:search?limit=0", "{}", token).body()).path("total").asLong(-1))
                        .as(dataset + ": records searchable").isEqualTo(count));
    }

    private static TextClassificationRecord record(String id, String text, String label, double confidence,
            Map<String, Object> metadata) {
        return new TextClassificationRecord(RecordId.of(id), metadata, null, null,
                new TextClassificationAnnotation("model-v1", List.of(new ClassPrediction(label, confidence))),
                null, Map.of("text", text), false, null, null, null);
    }
}

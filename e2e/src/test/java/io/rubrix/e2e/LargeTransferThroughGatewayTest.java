package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * 100,000 records logged through the gateway as the rubrix client does it (chunks of 500), then exported back
 * through it as one NDJSON stream. The gateway must stream both ways: the export's first record arrives long
 * before its last, and the gateway's heap in use beyond the nursery (sampled from its metrics during the transfer)
 * grows by much less than the bytes that went through it.
 */
class LargeTransferThroughGatewayTest {

    static final int RECORDS = 100_000;
    static final int CHUNK = 500;
    static final String DATASET = "e2e-large-" + Long.toString(System.currentTimeMillis(), 36);
    static final Pattern HEAP_POOL = Pattern.compile(
            "jvm_memory_used_bytes\\{area=\"heap\",id=\"([^\"]+)\"[^}]*\\} ([0-9.E+]+)");
    /** About 1 KB of text per record, so that 100 MB or so cross the gateway each way. */
    static final String TEXT = "The quick brown fox jumps over the lazy dog while the model predicts its label. ".repeat(12);

    // HTTP/1.1: the JDK client's h2c upgrade on this plain GET once misread the metrics text as an HTTP/2 frame
    private static final HttpClient METRICS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHundredThousandRecordsGoInAndComeBackOutStreamed() throws Exception {
        String token = Stack.serviceAccountToken("rubrix-ingest", "rubrix-ingest-dev-secret");
        long baseline = gatewayHeap();
        HeapSampler sampler = new HeapSampler();

        long uploaded = 0;
        for (int from = 0; from < RECORDS; from += CHUNK) {
            String chunk = chunk(from, CHUNK);
            uploaded += chunk.length();
            HttpResponse<String> answer = Stack.send(http, post("/api/datasets/" + DATASET + "/TextClassification:bulk",
                    token, chunk));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(Stack.read(answer.body()).path("processed").asInt()).isEqualTo(CHUNK);
        }

        BitSet seen = new BitSet(RECORDS);
        long downloaded = 0;
        long started = System.nanoTime();
        long firstRecordAfter = -1;
        HttpResponse<java.io.InputStream> export = http.send(post("/api/datasets/" + DATASET
                + "/TextClassification/data", token, "{}"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(export.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (firstRecordAfter < 0) {
                    firstRecordAfter = System.nanoTime() - started;
                }
                downloaded += line.length() + 1;
                String id = Stack.read(line).path("id").asText();
                seen.set(Integer.parseInt(id.substring("rec-".length())));
            }
        }
        long exportTook = System.nanoTime() - started;
        long peak = sampler.stop();

        assertThat(seen.cardinality()).as("distinct records exported").isEqualTo(RECORDS);
        assertThat(firstRecordAfter).as("first record of the export (ns) against the whole export " + exportTook)
                .isLessThan(exportTook / 4);
        long growth = peak - baseline;
        System.out.printf("[e2e] %d records: %d MB up, %d MB down; gateway heap %d MB before, peak %d MB; export %d ms,"
                + " first record after %d ms%n", RECORDS, uploaded >> 20, downloaded >> 20, baseline >> 20, peak >> 20,
                exportTook / 1_000_000, firstRecordAfter / 1_000_000);
        assertThat(growth).as("gateway heap growth (bytes) while %d MB went up and %d MB came down",
                uploaded >> 20, downloaded >> 20).isLessThan(Math.min(uploaded, downloaded) / 2);
    }

    private static String chunk(int from, int size) {
        StringBuilder body = new StringBuilder(size * 1_200).append("{\"records\":[");
        for (int i = from; i < from + size; i++) {
            body.append(i == from ? "" : ",").append("{\"id\":\"rec-").append(i).append("\",\"inputs\":{\"text\":\"")
                    .append(i).append(' ').append(TEXT).append("\"},\"prediction\":{\"agent\":\"e2e\",\"labels\":[{")
                    .append("\"class\":\"").append(i % 2 == 0 ? "even" : "odd").append("\",\"confidence\":0.9}]}}");
        }
        return body.append("]}").toString();
    }

    private static HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * The gateway's heap in use outside the nursery, from its own Micrometer metrics (on its management interface).
     * Short-lived buffers die in the eden space, whose use only says how long ago the last young collection was; a
     * body held whole would survive there or, being large, be allocated straight into the old generation (G1's
     * humongous regions).
     */
    private static long gatewayHeap() {
        URI metricsAddress = URI.create(Stack.GATEWAY_MANAGEMENT + "/q/metrics");
        String metrics = Stack.send(METRICS, HttpRequest.newBuilder(metricsAddress).build()).body();
        Matcher pool = HEAP_POOL.matcher(metrics);
        long used = 0;
        int pools = 0;
        while (pool.find()) {
            if (!pool.group(1).contains("Eden")) {
                used += (long) Double.parseDouble(pool.group(2));
                pools++;
            }
        }
        assertThat(pools).as("old and survivor heap pools in the gateway's metrics").isPositive();
        return used;
    }

    /** Samples the gateway's heap every 200 ms and keeps the highest value. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        HeapSampler() {
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(gatewayHeap(), Math::max), 0, 200,
                    TimeUnit.MILLISECONDS);
        }

        long stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            return peak.get();
        }
    }
}

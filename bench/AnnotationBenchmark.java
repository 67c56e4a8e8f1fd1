import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Annotation benchmark (issue 5), against the local stack. Loads N text-classification records into a fresh
 * dataset (straight into Elasticsearch, as ingest-service stores them), then:
 * <ol>
 * <li>single-record labelling at concurrency 8: annotation-service's PUT .../annotation with If-Match (it reads the
 * record, applies the label, writes it over the version seen and appends the history event) against the least
 * raw Elasticsearch does for the same versioned read-modify-write: GET _doc, then PUT _doc with if_seq_no;</li>
 * <li>a bulk-by-query job labelling every record against a raw point-in-time scan with _bulk partial updates
 * (if_seq_no) of the same records.</li>
 * </ol>
 *   bench/run.sh annotation [--records 50000] [--requests 2000] [--concurrency 8]
 */
public class AnnotationBenchmark {

    static final String[] LABELS = {"Business", "Sports", "World", "Science"};
    static final Pattern VERSION = Pattern.compile("\"version\":\"([0-9]+)\\.([0-9]+)\"");
    static final Pattern SEQ = Pattern.compile("\"_seq_no\":([0-9]+),\"_primary_term\":([0-9]+)");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String annotation = arg("--annotation", "http://127.0.0.1:8083");
    final String elasticsearch = arg("--elasticsearch", "http://127.0.0.1:9200");
    final String workspace = arg("--workspace", "team-a");
    final String token;
    final int records;
    final int requests;
    final int concurrency;
    /** Rounds of raw and service labels, one after the other; the ratios are the medians of the rounds'. */
    final int rounds;
    final String dataset = "bench-annotation";
    final String index;
    final String[] args;

    AnnotationBenchmark(String[] args) {
        this.args = args;
        token = arg("--token", System.getenv("RUBRIX_TOKEN"));
        records = Integer.parseInt(arg("--records", "50000"));
        requests = Integer.parseInt(arg("--requests", "2000"));
        concurrency = Integer.parseInt(arg("--concurrency", "8"));
        rounds = Integer.parseInt(arg("--rounds", "1"));
        index = "rubrix.records." + workspace + "." + dataset;
        if (2 * rounds * requests + 200 > records) {
            throw new IllegalArgumentException("--records must be at least 2 x --rounds x --requests + 200");
        }
    }

    public static void main(String[] args) throws Exception {
        new AnnotationBenchmark(args).run();
    }

    void run() throws Exception {
        load();
        System.out.printf("%d records in %s; %d single labels at concurrency %d, %d round(s)%n", records, dataset,
                requests, concurrency, rounds);
        // Warm-up: 100 records each way, not measured. Each record is labelled once: round r's raw labels take
        // rec-200+2r*requests.., its service labels the next requests records.
        labels(true, 0, 100);
        labels(false, 100, 100);
        double[] p50Ratios = new double[rounds];
        double[] p99Ratios = new double[rounds];
        double[] throughputRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            int first = 200 + 2 * round * requests;
            double[] raw = labels(true, first, requests);
            double[] service = labels(false, first + requests, requests);
            print("raw GET + PUT if_seq_no", raw);
            print("annotation-service PUT", service);
            p50Ratios[round] = service[0] / raw[0];
            p99Ratios[round] = service[2] / raw[2];
            throughputRatios[round] = service[3] / raw[3];
        }
        System.out.printf("single label (service/raw%s): p50 ratio %.2f, p99 ratio %.2f (goal <= 1.5), throughput %.2f; "
                + "p99 ratios of the rounds %s%n", rounds > 1 ? ", medians of " + rounds + " rounds" : "",
                median(p50Ratios), median(p99Ratios), median(throughputRatios), Arrays.toString(rounded(p99Ratios)));

        long start = System.nanoTime();
        long rawDone = rawBulkByQuery();
        double rawSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long jobDone = jobByQuery();
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("raw PIT scan + _bulk update: %d records in %.1f s = %.0f records/s%n", rawDone, rawSeconds,
                rawDone / rawSeconds);
        System.out.printf("bulk-by-query job:           %d records in %.1f s = %.0f records/s%n", jobDone, jobSeconds,
                jobDone / jobSeconds);
        System.out.printf("bulk-by-query throughput ratio job/raw = %.2f%n", (jobDone / jobSeconds) / (rawDone / rawSeconds));
        if (rawDone != records || jobDone != records) {
            throw new IllegalStateException("expected " + records + " records each way");
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double[] rounded(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
    }

    void print(String name, double[] stats) {
        System.out.printf("%-28s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %6.0f labels/s%n", name, stats[0], stats[1],
                stats[2], stats[3]);
    }

    /** [p50, p95, p99 in ms, labels/s] of labelling records first..first+count-1, one label each. */
    double[] labels(boolean raw, int first, int count) throws Exception {
        String[] versions = new String[count];
        for (int i = 0; i < count; i++) { // the version a person saw, as a search gives it; not timed
            versions[i] = raw ? null : version(first + i);
        }
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[count];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            running.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < count) {
                    long begin = System.nanoTime();
                    if (raw) {
                        rawLabel(first + n);
                    } else {
                        serviceLabel(first + n, versions[n]);
                    }
                    latencies[n] = System.nanoTime() - begin;
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new double[] {latencies[count / 2] / 1e6, latencies[(int) (count * 0.95)] / 1e6,
                latencies[(int) (count * 0.99)] / 1e6, count / wall};
    }

    String version(int n) throws Exception {
        Matcher found = VERSION.matcher(send("GET", annotation + "/api/datasets/" + dataset
                + "/TextClassification/records/rec-" + n + "/annotation?workspace=" + workspace, null, true));
        if (!found.find()) {
            throw new IllegalStateException("no version for rec-" + n);
        }
        return found.group(1) + "." + found.group(2);
    }

    void serviceLabel(int n, String version) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(annotation + "/api/datasets/" + dataset
                + "/TextClassification/records/rec-" + n + "/annotation?workspace=" + workspace))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("If-Match", "\"" + version + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"annotation\":{\"labels\":[{\"class\":\""
                        + LABELS[n % 4] + "\"}]}}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("label answered " + response.statusCode() + ": " + response.body());
        }
    }

    void rawLabel(int n) throws Exception {
        String current = send("GET", elasticsearch + "/" + index + "/_doc/rec-" + n, null, false);
        Matcher version = SEQ.matcher(current);
        if (!version.find()) {
            throw new IllegalStateException("no version in " + current);
        }
        send("PUT", elasticsearch + "/" + index + "/_doc/rec-" + n + "?if_seq_no=" + version.group(1)
                + "&if_primary_term=" + version.group(2), document(n, LABELS[n % 4]), false);
    }

    /** Every record marked Discarded by a point-in-time scan and _bulk partial updates at the version scanned. */
    long rawBulkByQuery() throws Exception {
        // The single labels before were written without a refresh: a point in time opened before one would hold
        // versions they replaced, and every partial update at such a version would be refused as a conflict.
        send("POST", elasticsearch + "/" + index + "/_refresh", null, false);
        String pit = field(send("POST", elasticsearch + "/" + index + "/_pit?keep_alive=2m", null, false), "id");
        String after = null;
        long done = 0;
        while (true) {
            String page = send("POST", elasticsearch + "/_search?filter_path=hits.hits._id,hits.hits._seq_no,"
                    + "hits.hits._primary_term,hits.hits.sort", "{\"size\":1000,\"_source\":false,"
                    + "\"seq_no_primary_term\":true,\"pit\":{\"id\":\"" + pit + "\",\"keep_alive\":\"2m\"},"
                    + "\"sort\":[{\"_shard_doc\":\"asc\"}]" + (after == null ? "" : ",\"search_after\":" + after) + "}", false);
            Matcher hit = Pattern.compile("\"_id\":\"([^\"]+)\",\"_seq_no\":([0-9]+),\"_primary_term\":([0-9]+),"
                    + "\"sort\":(\\[[^\\]]*\\])").matcher(page);
            StringBuilder bulk = new StringBuilder();
            int hits = 0;
            while (hit.find()) {
                hits++;
                after = hit.group(4);
                bulk.append("{\"update\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(hit.group(1))
                        .append("\",\"if_seq_no\":").append(hit.group(2)).append(",\"if_primary_term\":")
                        .append(hit.group(3)).append("}}\n{\"doc\":{\"status\":\"Discarded\","
                        + "\"last_updated\":\"2026-11-28T12:00:00Z\"}}\n");
            }
            if (hits == 0) {
                break;
            }
            String answer = send("POST", elasticsearch + "/_bulk?filter_path=errors", bulk.toString(), false);
            if (answer.contains("true")) {
                throw new IllegalStateException("raw bulk update refused documents");
            }
            done += hits;
            if (hits < 1000) {
                break;
            }
        }
        send("DELETE", elasticsearch + "/_pit", "{\"id\":\"" + pit + "\"}", false);
        send("POST", elasticsearch + "/" + index + "/_refresh", null, false);
        return done;
    }

    /** Every record validated by an annotation-service job; polled until it ends. */
    long jobByQuery() throws Exception {
        String job = send("POST", annotation + "/api/datasets/" + dataset + "/TextClassification/bulk-annotations?workspace="
                + workspace, "{\"query\":{},\"status\":\"Validated\"}", true);
        String id = field(job, "id");
        while (true) {
            Thread.sleep(100);
            String now = send("GET", annotation + "/api/jobs/" + id, null, true);
            String state = field(now, "state");
            if (!state.equals("running")) {
                if (!state.equals("done") || !now.contains("\"failed\":0") || !now.contains("\"conflicts\":0")) {
                    throw new IllegalStateException("job ended: " + now);
                }
                return Long.parseLong(now.replaceAll(".*\"done\":([0-9]+).*", "$1"));
            }
        }
    }

    // ---------------------------------------------------------------- data, fresh each run

    void load() throws Exception {
        send("DELETE", elasticsearch + "/" + index + "?ignore_unavailable=true", null, false);
        send("PUT", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset + "?refresh=true",
                "{\"name\":\"" + dataset + "\",\"task\":\"TextClassification\",\"workspace\":\"" + workspace
                        + "\",\"owner\":\"" + workspace + "\",\"tags\":{\"bench\":\"annotation\"},"
                        + "\"created_at\":\"2026-11-28T10:00:00Z\",\"last_updated\":\"2026-11-28T10:00:00Z\"}", false);
        System.out.printf("loading %d records into %s ...%n", records, index);
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < records; n++) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"rec-").append(n).append("\"}}\n")
                    .append(document(n, null)).append('\n');
            if ((n + 1) % 2000 == 0 || n == records - 1) {
                if (send("POST", elasticsearch + "/_bulk?filter_path=errors", bulk.toString(), false).contains("true")) {
                    throw new IllegalStateException("Elasticsearch refused documents");
                }
                bulk.setLength(0);
            }
        }
        send("POST", elasticsearch + "/" + index + "/_refresh", null, false);
    }

    /** A record as stored: a prediction, and the annotation {@code label} when given. */
    static String document(int n, String label) {
        String predicted = LABELS[(n * 7) % 4];
        String text = "Report " + n + " on markets, teams, elections and research across the world";
        StringBuilder doc = new StringBuilder("{\"id\":\"rec-").append(n).append("\",\"metadata\":{\"split\":\"")
                .append(n % 5 == 0 ? "test" : "train").append("\"},\"event_timestamp\":\"2026-11-28T10:00:00Z\",")
                .append("\"status\":\"").append(label == null ? "Default" : "Validated").append("\",")
                .append("\"prediction\":{\"agent\":\"bench-model\",\"labels\":[{\"class\":\"").append(predicted)
                .append("\",\"confidence\":0.7},{\"class\":\"Other\",\"confidence\":0.3}]}");
        if (label != null) {
            doc.append(",\"annotation\":{\"agent\":\"ana\",\"labels\":[{\"class\":\"").append(label)
                    .append("\",\"confidence\":1.0}]}");
        }
        doc.append(",\"inputs\":{\"text\":\"").append(text).append("\"},\"multi_label\":false,")
                .append("\"last_updated\":\"2026-11-28T10:00:00Z\",\"predicted_as\":[\"").append(predicted)
                .append("\"],\"annotated_as\":[").append(label == null ? "" : "\"" + label + "\"")
                .append("],\"predicted_by\":[\"bench-model\"],\"annotated_by\":[").append(label == null ? "" : "\"ana\"")
                .append("]");
        if (label != null) {
            doc.append(",\"predicted\":\"").append(label.equals(predicted) ? "ok" : "ko").append('"');
        }
        return doc.append(",\"score\":0.7,\"words\":\"").append(text).append("\"}").toString();
    }

    // ---------------------------------------------------------------- http

    String send(String method, String url, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", url.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher found = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!found.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return found.group(1);
    }

    String arg(String name, String fallback) {
        String[] all = args == null ? new String[0] : args;
        for (int i = 0; i < all.length - 1; i++) {
            if (all[i].equals(name)) {
                return all[i + 1];
            }
        }
        return fallback;
    }
}

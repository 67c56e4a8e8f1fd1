import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Search and export benchmark (issue 4). Loads N realistic text-classification records once (straight into
 * Elasticsearch, as ingest-service stores them), then sends a mix of :search requests with every aggregation
 * through query-service and the same Elasticsearch queries straight to Elasticsearch, at concurrency 8, and
 * streams the whole dataset through the NDJSON export. Prints p50/p95/p99, requests/s and records/s.
 *
 *   bench/run.sh search [--records 100000] [--requests 2000] [--concurrency 8] [--export-only] [--service-only]
 *                       [--query http://127.0.0.1:8082 --query-pid PID]   (another query-service: bench/traces.sh)
 */
public class SearchBenchmark {

    static final String[] LABELS = {"Business", "Sports", "World", "Science"};
    static final String[] WORDS = ("market stocks rally shares growth inflation bank policy rate election vote team "
            + "match season goal coach player league minister government summit treaty border research study "
            + "scientists climate energy space rocket data model network security cloud software profit revenue "
            + "quarter forecast economy trade export import court law police city weather storm flood health").split(" ");

    /** The Rubrix queries of the mix, and the Elasticsearch query each becomes (as RecordQuery writes it). */
    static final String[][] QUERIES = {
            {"{}", "{\"match_all\":{}}"},
            {"{\"query_text\":\"market stocks\"}", "{\"bool\":{\"must\":[{\"query_string\":{\"query\":\"market stocks\","
                    + "\"default_field\":\"words\",\"default_operator\":\"AND\",\"lenient\":true}}]}}"},
            {"{\"predicted_as\":[\"Business\"]}", "{\"bool\":{\"filter\":[{\"terms\":{\"predicted_as\":[\"Business\"]}}]}}"},
            {"{\"status\":[\"Validated\"],\"metadata\":{\"split\":\"train\"}}", "{\"bool\":{\"filter\":[{\"terms\":"
                    + "{\"status\":[\"Validated\"]}},{\"terms\":{\"metadata.split\":[\"train\"]}}]}}"},
            {"{\"annotated_as\":[\"World\",\"Sports\"],\"confidence\":{\"from\":0.3,\"to\":0.6}}", "{\"bool\":{\"filter\":"
                    + "[{\"terms\":{\"annotated_as\":[\"World\",\"Sports\"]}},{\"range\":{\"score\":{\"gte\":0.3,\"lte\":0.6}}}]}}"},
    };

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String query = arg("--query", "http://127.0.0.1:8082");
    final String elasticsearch = arg("--elasticsearch", "http://127.0.0.1:9200");
    final String workspace = arg("--workspace", "team-a");
    final String token = arg("--token", System.getenv("RUBRIX_TOKEN"));
    final int records;
    final int requests;
    final int concurrency;
    final boolean exportOnly;
    /** Raw requests as query-service sends them: the page, then the facets as a cacheable search of their own. */
    boolean rawSplit;
    /** Rounds of raw and service searches, one after the other; the ratios are the medians of the rounds'. */
    final int rounds;
    final String dataset;
    final String index;
    final String[] args;
    /** Elasticsearch's and query-service's processes on this machine, for their CPU per request (null: not found). */
    final Long elasticsearchPid = pidOf("org.elasticsearch.bootstrap.Elasticsearch");
    final Long queryPid = arg("--query-pid", "").isEmpty() ? pidOf("query-service/target/quarkus-app/quarkus-run.jar")
            : Long.valueOf(arg("--query-pid", ""));

    SearchBenchmark(String[] args) {
        this.args = args;
        records = Integer.parseInt(arg("--records", "100000"));
        requests = Integer.parseInt(arg("--requests", "2000"));
        concurrency = Integer.parseInt(arg("--concurrency", "8"));
        rounds = Integer.parseInt(arg("--rounds", "1"));
        exportOnly = java.util.Arrays.asList(args).contains("--export-only");
        dataset = "bench-search-" + records;
        index = "rubrix.records." + workspace + "." + dataset;
    }

    /** The command line, set before the fields that read it are initialized. */
    static String[] commandLine = new String[0];

    public static void main(String[] args) throws Exception {
        commandLine = args;
        new SearchBenchmark(args).run();
    }

    void run() throws Exception {
        loadOnce();
        System.out.printf("%d records in %s; %d searches at concurrency %d, all aggregations%n", records, dataset,
                requests, concurrency);
        if (java.util.Arrays.asList(args).contains("--service-only")) { // a load to profile query-service under
            print("query-service :search", searches(false));
            return;
        }
        if (!exportOnly) {
            double[] raw = searches(true);
            print("raw Elasticsearch _search", raw);
            rawSplit = true;
            double[] p99Ratios = new double[rounds];
            double[] throughputRatios = new double[rounds];
            double[] service = null;
            for (int round = 0; round < rounds; round++) {
                double[] split = searches(true);
                service = searches(false);
                print("raw, as query-service asks", split);
                print("query-service :search", service);
                p99Ratios[round] = service[2] / split[2];
                throughputRatios[round] = service[3] / split[3];
            }
            System.out.printf("p99 ratio service/raw = %.2f   (goal <= 1.3, last round); service/raw as query-service "
                    + "asks%s: p99 %.2f (goal <= 1.5), throughput %.2f (goal >= 0.8); p99 ratios of the rounds %s%n",
                    service[2] / raw[2], rounds > 1 ? ", medians of " + rounds + " rounds" : "", median(p99Ratios),
                    median(throughputRatios), Arrays.toString(Arrays.stream(p99Ratios)
                            .map(v -> Math.round(v * 100) / 100.0).toArray()));
            System.out.printf("requests/s = %.0f   (goal >= 110 at 100,000 records, last round)%n", service[3]);
        }
        double[] exportRates = new double[rounds];
        double[] exportRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long scanned = rawScan();
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("raw Elasticsearch scan (point in time, search_after, pages of 1000, the same source "
                    + "filter): %d records in %.1f s = %.0f records/s%n", scanned, rawSeconds, scanned / rawSeconds);
            start = System.nanoTime();
            long exported = export();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("export /data: %d records in %.1f s = %.0f records/s   (goal >= 50,000); ratio to the raw "
                    + "scan %.2f%n", exported, seconds, exported / seconds, rawSeconds / seconds);
            if (exported != records || scanned != records) {
                throw new IllegalStateException("export gave " + exported + " and the raw scan " + scanned
                        + " records, not " + records);
            }
            exportRates[round] = exported / seconds;
            exportRatios[round] = rawSeconds / seconds;
        }
        if (rounds > 1) {
            System.out.printf("export, medians of %d rounds: %.0f records/s (goal >= 50,000), ratio to the raw scan %.2f%n",
                    rounds, median(exportRates), median(exportRatios));
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    void print(String name, double[] stats) {
        System.out.printf("%-28s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %6.0f requests/s   CPU per request: "
                + "Elasticsearch %.2f ms, query-service %.2f ms%n", name, stats[0], stats[1], stats[2], stats[3],
                stats[4], stats[5]);
    }

    static Long pidOf(String commandLinePart) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(commandLinePart))
                .map(ProcessHandle::pid).findFirst().orElse(null);
    }

    /** CPU time (user + system) a process has used so far, in ms; 0 when it is unknown or gone. */
    static long cpu(Long pid) {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // USER_HZ 100
        } catch (Exception gone) {
            return 0;
        }
    }

    /** [p50, p95, p99 in ms, requests/s] of the query mix, through query-service or straight to Elasticsearch. */
    double[] searches(boolean raw) throws Exception {
        // Warm both paths the same way first.
        for (int i = 0; i < 50; i++) {
            search(raw, i);
        }
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        long elasticsearchCpu = cpu(elasticsearchPid);
        long queryCpu = cpu(queryPid);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            running.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < requests) {
                    long begin = System.nanoTime();
                    search(raw, n);
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
        return new double[] {latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.95)] / 1e6,
                latencies[(int) (requests * 0.99)] / 1e6, requests / wall,
                (cpu(elasticsearchPid) - elasticsearchCpu) / (double) requests, (cpu(queryPid) - queryCpu) / (double) requests};
    }

    void search(boolean raw, int n) throws Exception {
        String[] mix = QUERIES[n % QUERIES.length];
        String answer;
        if (raw && rawSplit) {
            // What query-service sends, body for body (seen in Elasticsearch's search slow log): one _msearch of the
            // page (the internal fields left out of the sources, versions, highlights for a text query) and the facets
            // as a search Elasticsearch caches (with the numeric metadata field's stats and histogram).
            String page = "{\"from\":0,\"size\":50,\"track_total_hits\":true,\"seq_no_primary_term\":true,"
                    + "\"_source\":{\"excludes\":[\"words\",\"score\",\"predicted_as\",\"annotated_as\","
                    + "\"predicted_by\",\"annotated_by\",\"team\"]},\"query\":" + mix[1] + ",\"sort\":[{\"_score\":"
                    + "{\"order\":\"desc\"}},{\"id\":{\"order\":\"asc\",\"missing\":\"_last\"}}]"
                    + (mix[0].contains("query_text") ? "," + HIGHLIGHT : "") + "}";
            String facets = "{\"size\":0,\"track_total_hits\":false,\"query\":" + mix[1] + ","
                    + AGGREGATIONS.substring(0, AGGREGATIONS.length() - 1) + "," + lengthHistogram() + "}}";
            answer = post(elasticsearch + "/_msearch", "{\"index\":\"" + index + "\"}\n" + page + "\n{\"index\":\""
                    + index + "\",\"request_cache\":true}\n" + facets + "\n", false);
        } else if (raw) {
            answer = post(elasticsearch + "/" + index + "/_search", "{\"from\":0,\"size\":50,\"track_total_hits\":true,"
                    + "\"query\":" + mix[1] + ",\"sort\":[{\"_score\":{\"order\":\"desc\"}},{\"id\":{\"order\":\"asc\","
                    + "\"missing\":\"_last\"}}]," + AGGREGATIONS + "}", false);
        } else {
            answer = post(query + "/api/datasets/" + dataset + "/TextClassification:search?limit=50&workspace=" + workspace,
                    "{\"query\":" + mix[0] + "}", true);
        }
        if (!answer.contains("\"records\"") && !answer.contains("\"hits\"")) {
            throw new IllegalStateException("unexpected answer: " + answer.substring(0, Math.min(300, answer.length())));
        }
    }

    /** What query-service asks for (Aggregations.request): six facets, the histogram, words, a facet per metadata field. */
    static final String AGGREGATIONS = "\"aggs\":{"
            + facet("predicted_as", 100) + "," + facet("annotated_as", 100) + "," + facet("predicted_by", 100) + ","
            + facet("annotated_by", 100) + "," + facet("status", 100) + "," + facet("predicted", 100) + ","
            + "\"confidence\":{\"histogram\":{\"field\":\"score\",\"interval\":0.05,\"min_doc_count\":0,"
            + "\"extended_bounds\":{\"min\":0.0,\"max\":1.0}}}," + facet("words", 50) + ","
            + facet("metadata.source", 100) + "," + facet("metadata.split", 100) + "," + facet("metadata.length", 100) + "}";

    static final String HIGHLIGHT = "\"highlight\":{\"encoder\":\"html\",\"number_of_fragments\":0,"
            + "\"require_field_match\":false,\"pre_tags\":[\"<mark>\"],\"post_tags\":[\"</mark>\"],"
            + "\"fields\":{\"inputs.*\":{}}}";

    /** The numeric metadata field's facet as query-service asks for it: stats, and 12 buckets over its range. */
    String lengthHistogram() throws Exception {
        if (lengthHistogram == null) {
            String stats = post(elasticsearch + "/" + index + "/_search", "{\"size\":0,\"aggs\":{\"l\":{\"stats\":"
                    + "{\"field\":\"metadata.length\"}}}}", false);
            double min = Double.parseDouble(stats.replaceAll(".*\"min\":([-0-9.Ee]+).*", "$1"));
            double max = Double.parseDouble(stats.replaceAll(".*\"max\":([-0-9.Ee]+).*", "$1"));
            // query-service's HistogramEdges.over for an integral field
            double width = Math.max(1, Math.ceil((max - min + 1) / 12));
            double end = min + Math.ceil((max - min + 1) / width) * width;
            lengthHistogram = "\"metadata_stats_0\":{\"stats\":{\"field\":\"metadata.length\"}},"
                    + "\"metadata_histogram_0\":{\"histogram\":{\"field\":\"metadata.length\",\"interval\":" + width
                    + ",\"offset\":" + (min - Math.floor(min / width) * width) + ",\"min_doc_count\":0,"
                    + "\"extended_bounds\":{\"min\":" + min + ",\"max\":" + (end - width) + "},\"hard_bounds\":{\"min\":"
                    + (min - 2 * width) + ",\"max\":" + (end + 2 * width) + "}}}";
        }
        return lengthHistogram;
    }

    volatile String lengthHistogram;

    static String facet(String field, int size) {
        return "\"" + field + "\":{\"terms\":{\"field\":\"" + field + "\",\"size\":" + size + "}}";
    }

    long export() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(query + "/api/datasets/" + dataset
                + "/TextClassification/data?workspace=" + workspace)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /**
     * What the export asks of Elasticsearch, sent straight to it: one point in time, pages of 1000 in _shard_doc
     * order, the internal fields left out of the sources, the answer filtered to sources and sort values; the
     * answers are read as bytes (the least any client can do). Returns the records seen.
     */
    long rawScan() throws Exception {
        String opened = post(elasticsearch + "/" + index + "/_pit?keep_alive=2m", "", false);
        String pit = opened.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long seen = 0;
        String after = null;
        try {
            while (true) {
                String body = "{\"size\":1000,\"pit\":{\"id\":\"" + pit + "\",\"keep_alive\":\"2m\"},"
                        + "\"sort\":[{\"_shard_doc\":\"asc\"}],\"query\":{\"match_all\":{}},"
                        + "\"_source\":{\"excludes\":[\"words\",\"score\",\"predicted_as\",\"annotated_as\","
                        + "\"predicted_by\",\"annotated_by\"]}" + (after == null ? "" : ",\"search_after\":" + after) + "}";
                String answer = post(elasticsearch + "/_search?filter_path=hits.hits._source,hits.hits.sort", body, false);
                int hits = 0;
                for (int at = answer.indexOf("\"_source\""); at >= 0; at = answer.indexOf("\"_source\"", at + 9)) {
                    hits++;
                }
                seen += hits;
                if (hits < 1000) {
                    return seen;
                }
                int sort = answer.lastIndexOf("\"sort\":[");
                after = answer.substring(sort + 7, answer.indexOf(']', sort) + 1);
            }
        } finally {
            HttpRequest close = HttpRequest.newBuilder(URI.create(elasticsearch + "/_pit"))
                    .header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"id\":\"" + pit + "\"}")).build();
            http.send(close, HttpResponse.BodyHandlers.discarding());
        }
    }

    // ---------------------------------------------------------------- data, loaded once per size

    void loadOnce() throws Exception {
        String count = get(elasticsearch + "/" + index + "/_count");
        if (count.contains("\"count\":" + records + ",")) {
            return;
        }
        System.out.printf("loading %d records into %s ...%n", records, index);
        put(elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset + "?refresh=true",
                "{\"name\":\"" + dataset + "\",\"task\":\"TextClassification\",\"workspace\":\"" + workspace
                        + "\",\"owner\":\"" + workspace + "\",\"tags\":{\"bench\":\"search\"},"
                        + "\"created_at\":\"2026-11-28T10:00:00Z\",\"last_updated\":\"2026-11-28T10:00:00Z\"}");
        Random random = new Random(7);
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < records; n++) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"rec-").append(n).append("\"}}\n")
                    .append(document(n, random)).append('\n');
            if ((n + 1) % 2000 == 0 || n == records - 1) {
                String answer = post(elasticsearch + "/_bulk?filter_path=errors", bulk.toString(), false);
                if (answer.contains("true")) {
                    throw new IllegalStateException("Elasticsearch refused documents");
                }
                bulk.setLength(0);
            }
        }
        post(elasticsearch + "/" + index + "/_refresh", "", false);
    }

    static String document(int n, Random random) {
        int words = 20 + random.nextInt(41);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        double[] scores = new double[4];
        double sum = 0;
        for (int l = 0; l < 4; l++) {
            scores[l] = random.nextDouble();
            sum += scores[l];
        }
        int top = 0;
        StringBuilder labels = new StringBuilder("[");
        for (int l = 0; l < 4; l++) {
            scores[l] = Math.floor(scores[l] / sum * 1000) / 1000;
            top = scores[l] > scores[top] ? l : top;
            labels.append(l == 0 ? "" : ",").append("{\"class\":\"").append(LABELS[l]).append("\",\"confidence\":")
                    .append(scores[l]).append('}');
        }
        labels.append(']');
        boolean annotated = n % 2 == 0;
        String gold = LABELS[random.nextInt(100) < 70 ? top : random.nextInt(4)];
        StringBuilder doc = new StringBuilder("{\"id\":\"rec-").append(n).append("\",\"metadata\":{\"source\":\"feed-")
                .append(random.nextInt(8)).append("\",\"split\":\"").append(random.nextInt(10) < 8 ? "train" : "test")
                .append("\",\"length\":").append(words).append("},\"event_timestamp\":\"2026-11-28T10:00:00Z\",\"status\":\"")
                .append(annotated ? "Validated" : "Default").append("\",\"prediction\":{\"agent\":\"bench-model\",\"labels\":")
                .append(labels).append('}');
        if (annotated) {
            doc.append(",\"annotation\":{\"agent\":\"bench-annotator\",\"labels\":[{\"class\":\"").append(gold)
                    .append("\",\"confidence\":1.0}]}");
        }
        doc.append(",\"inputs\":{\"text\":\"").append(text).append("\"},\"multi_label\":false")
                .append(",\"last_updated\":\"2026-11-28T10:00:00Z\",\"predicted_as\":[\"").append(LABELS[top])
                .append("\"],\"annotated_as\":[").append(annotated ? "\"" + gold + "\"" : "")
                .append("],\"predicted_by\":[\"bench-model\"],\"annotated_by\":[")
                .append(annotated ? "\"bench-annotator\"" : "").append("]");
        if (annotated) {
            doc.append(",\"predicted\":\"").append(gold.equals(LABELS[top]) ? "ok" : "ko").append('"');
        }
        return doc.append(",\"score\":").append(scores[top]).append(",\"words\":\"").append(text).append("\"}").toString();
    }

    // ---------------------------------------------------------------- http

    String post(String url, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", url.contains("_bulk") || url.contains("_msearch") ? "application/x-ndjson" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    void put(String url, String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String arg(String name, String fallback) {
        String[] all = args == null ? commandLine : args;
        for (int i = 0; i < all.length - 1; i++) {
            if (all[i].equals(name)) {
                return all[i + 1];
            }
        }
        return fallback;
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drift monitor evaluation benchmark (issue 29, ADR 0014), against the local stack. Loads 2N text-classification
 * records straight into Elasticsearch (as ingest-service stores them): N in a reference day four days before the load,
 * N in the day before the load, with a drift (label shares, confidence, a metadata value, longer texts); writes 20
 * monitors of 6 measures each (predicted labels, confidence, a categorical and a numeric metadata field, text length,
 * agents; reference: the first day; live window: 3 days) through annotation-service as the admin; then, per round:
 * <ol>
 * <li>the 20 monitors evaluated one after another through annotation-service ({@code POST .../monitors/{m}:evaluate},
 * as a scheduled pass does them: evaluations kept, alerts raised), wall time and the CPU-seconds Elasticsearch and
 * annotation-service spent;</li>
 * <li>the same searches (the pooled percentiles, then both windows' aggregations: io.rubrix.common.monitor, written
 * out again here) sent straight to Elasticsearch, wall time and Elasticsearch's CPU-seconds;</li>
 * </ol>
 * and prints the medians over {@code --rounds} and the ratios. CPU-seconds are read from /proc (utime + stime).
 *
 *   bench/run.sh drift [--records 1000000] [--rounds 3] [--monitors 20]
 */
public class DriftBenchmark {

    static final String[] LABELS = {"Business", "Sports", "World", "Science", "Health"};
    static final String[] SOURCES = {"web", "app", "email", "api", "partner-1", "partner-2", "partner-3", "rss", "sms",
            "import"};
    static final String[] AGENTS = {"model-v1", "model-v2", "model-v3"};
    static final double[] CONFIDENCE_EDGES = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65,
            0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    static final long TICKS = 100; // USER_HZ

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String[] args;
    final String annotation;
    final String elasticsearch;
    final String keycloak;
    final String workspace = "team-a";
    final int records;
    final int rounds;
    final int monitors;
    final String dataset;
    final String index;
    Instant loadedAt;

    DriftBenchmark(String[] args) {
        this.args = args;
        annotation = arg("--annotation", "http://127.0.0.1:8083");
        elasticsearch = arg("--elasticsearch", "http://127.0.0.1:9200");
        keycloak = arg("--keycloak", "http://127.0.0.1:8180");
        records = Integer.parseInt(arg("--records", "1000000"));
        rounds = Integer.parseInt(arg("--rounds", "3"));
        monitors = Integer.parseInt(arg("--monitors", "20"));
        dataset = "bench-drift-" + records;
        index = "rubrix.records." + workspace + "." + dataset;
        if (records < 1_000 || rounds < 1 || monitors < 1) {
            throw new IllegalArgumentException("--records at least 1,000; --rounds and --monitors at least 1");
        }
    }

    public static void main(String[] args) throws Exception {
        new DriftBenchmark(args).run();
    }

    void run() throws Exception {
        loadOnce();
        String token = token("admin", "admin-password");
        String monitorsUrl = annotation + "/api/datasets/" + dataset + "/TextClassification/monitors/";
        for (int m = 0; m < monitors; m++) {
            send("PUT", monitorsUrl + "bench-" + m, monitor(m), token);
        }
        long es = pid("org.elasticsearch.bootstrap");
        long annotationPid = pid("annotation-service");
        System.out.printf("%d monitors x 6 measures, %,d records per window; Elasticsearch pid %d, annotation-service"
                + " pid %d%n", monitors, records, es, annotationPid);
        String first = send("POST", monitorsUrl + "bench-0:evaluate", null, token);
        System.out.println("an evaluation: " + excerpt(first.replaceAll("\"bins\":\\[[^\\]]*\\]", "\"bins\":[...]")));

        double[][] service = new double[rounds][3];
        double[][] raw = new double[rounds][2];
        for (int r = 0; r < rounds; r++) {
            long[] before = {cpu(es), cpu(annotationPid)};
            long start = System.nanoTime();
            for (int m = 0; m < monitors; m++) {
                String evaluation = send("POST", monitorsUrl + "bench-" + m + ":evaluate", null, token);
                if (!evaluation.contains("\"count\":" + records)) {
                    throw new IllegalStateException("a window without its " + records + " records: "
                            + excerpt(evaluation));
                }
            }
            service[r] = new double[] {(System.nanoTime() - start) / 1e9, (cpu(es) - before[0]) / (double) TICKS,
                    (cpu(annotationPid) - before[1]) / (double) TICKS};
            long rawBefore = cpu(es);
            long rawStart = System.nanoTime();
            for (int m = 0; m < monitors; m++) {
                rawEvaluation(Instant.now());
            }
            raw[r] = new double[] {(System.nanoTime() - rawStart) / 1e9, (cpu(es) - rawBefore) / (double) TICKS};
            System.out.printf("round %d: service %.2f s wall, Elasticsearch %.2f CPU-s, annotation-service %.2f CPU-s;"
                    + " raw %.2f s wall, Elasticsearch %.2f CPU-s%n", r + 1, service[r][0], service[r][1],
                    service[r][2], raw[r][0], raw[r][1]);
        }
        double wall = median(service, 0);
        double esCpu = median(service, 1);
        double serviceCpu = median(service, 2);
        double rawWall = median(raw, 0);
        double rawCpu = median(raw, 1);
        System.out.printf("%nmedian of %d rounds, %d monitors x 6 measures at %,d records per window:%n", rounds,
                monitors, records);
        System.out.printf("  through annotation-service: %.2f s wall per round (%.0f ms per monitor); CPU-s per round:"
                + " Elasticsearch %.2f + annotation-service %.2f = %.2f%n", wall, wall * 1000 / monitors, esCpu,
                serviceCpu, esCpu + serviceCpu);
        System.out.printf("  the same searches straight to Elasticsearch: %.2f s wall; Elasticsearch %.2f CPU-s%n",
                rawWall, rawCpu);
        System.out.printf("  ratios service / raw: wall %.2fx, CPU-s (all) %.2fx%n", wall / rawWall,
                (esCpu + serviceCpu) / rawCpu);
    }

    // ---------------------------------------------------------------- monitors

    /** Monitor m: 6 measures, the reference day, a 3-day live window; thresholds varied so that some alert. */
    String monitor(int m) {
        Instant referenceFrom = loadedAt.minus(4, ChronoUnit.DAYS);
        double factor = 1 + m % 5;
        return "{\"description\":\"bench monitor " + m + "\",\"reference\":{\"kind\":\"range\",\"from\":\""
                + referenceFrom + "\",\"to\":\"" + referenceFrom.plus(1, ChronoUnit.DAYS) + "\"},"
                + "\"window\":\"3d\",\"every\":\"366d\",\"min_records\":100,\"measures\":["
                + "{\"kind\":\"predicted_labels\",\"threshold\":" + 0.05 * factor + "},"
                + "{\"kind\":\"confidence\",\"threshold\":" + 0.05 * factor + "},"
                + "{\"kind\":\"metadata\",\"field\":\"source\",\"threshold\":" + 0.05 * factor + "},"
                + "{\"kind\":\"metadata\",\"field\":\"price\",\"type\":\"numeric\",\"threshold\":" + 0.05 * factor + "},"
                + "{\"kind\":\"text_length\",\"threshold\":" + 0.1 * factor + "},"
                + "{\"kind\":\"agents\",\"threshold\":" + 0.05 * factor + "}]}";
    }

    /**
     * One monitor's evaluation sent raw: the pooled percentiles of the numeric fields, then both windows as filter
     * aggregations with each measure's histogram (the bodies io.rubrix.common.monitor.DriftEvaluator builds).
     */
    void rawEvaluation(Instant at) throws Exception {
        Instant referenceFrom = loadedAt.minus(4, ChronoUnit.DAYS);
        String reference = range(referenceFrom, referenceFrom.plus(1, ChronoUnit.DAYS));
        String live = range(at.minus(3, ChronoUnit.DAYS), at);
        String percents = "[5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90,95]";
        String percentiles = send("POST", elasticsearch + "/" + index + "/_search",
                "{\"size\":0,\"query\":{\"bool\":{\"must\":[{\"match_all\":{}}],\"filter\":[{\"bool\":{\"should\":["
                        + "{\"bool\":{\"filter\":[" + reference + "]}}," + live + "],\"minimum_should_match\":1}}]}},"
                        + "\"aggs\":{\"q3\":{\"percentiles\":{\"field\":\"metadata.price\",\"percents\":" + percents
                        + "}},\"q4\":{\"percentiles\":{\"field\":\"text_length\",\"percents\":" + percents + "}}}}",
                null);
        double[] price = edges(percentiles, "q3");
        double[] length = edges(percentiles, "q4");
        String perWindow = "\"c0\":{\"terms\":{\"field\":\"predicted_as\",\"size\":200}},"
                + "\"h1\":" + ranges("score", CONFIDENCE_EDGES) + ",\"x1\":{\"extended_stats\":{\"field\":\"score\"}},"
                + "\"c2\":{\"terms\":{\"field\":\"metadata.source\",\"size\":200}},"
                + "\"h3\":" + ranges("metadata.price", price)
                + ",\"x3\":{\"extended_stats\":{\"field\":\"metadata.price\"}},"
                + "\"h4\":" + ranges("text_length", length) + ",\"x4\":{\"extended_stats\":{\"field\":\"text_length\"}},"
                + "\"c5\":{\"terms\":{\"field\":\"predicted_by\",\"size\":200}}";
        String answer = send("POST", elasticsearch + "/" + index + "/_search", "{\"size\":0,\"query\":{\"match_all\":{}},"
                + "\"aggs\":{\"reference\":{\"filter\":{\"bool\":{\"filter\":[" + reference + "]}},\"aggs\":{" + perWindow
                + "}},\"live\":{\"filter\":" + live + ",\"aggs\":{" + perWindow + "}}}}", null);
        if (!answer.contains("\"doc_count\":" + records)) {
            throw new IllegalStateException("raw windows without their records: " + excerpt(answer));
        }
    }

    static String range(Instant from, Instant to) {
        return "{\"range\":{\"event_timestamp\":{\"format\":\"epoch_millis\",\"gte\":" + from.toEpochMilli() + ",\"lt\":"
                + to.toEpochMilli() + "}}}";
    }

    static String ranges(String field, double[] edges) {
        StringBuilder ranges = new StringBuilder("[{\"to\":" + edges[0] + "}");
        for (int i = 1; i < edges.length; i++) {
            ranges.append(",{\"from\":").append(edges[i - 1]).append(",\"to\":").append(edges[i]).append('}');
        }
        ranges.append(",{\"from\":").append(edges[edges.length - 1]).append("}]");
        return "{\"range\":{\"field\":\"" + field + "\",\"ranges\":" + ranges + "},\"aggs\":{\"mean\":{\"avg\":"
                + "{\"field\":\"" + field + "\"}}}}";
    }

    static double[] edges(String answer, String name) {
        int at = answer.indexOf("\"" + name + "\"");
        String values = answer.substring(answer.indexOf("\"values\":{", at), answer.indexOf('}', answer.indexOf(
                "\"values\":{", at) + 10));
        TreeSet<Double> edges = new TreeSet<>();
        Matcher number = Pattern.compile(":(-?[0-9.Ee+-]+)").matcher(values);
        while (number.find()) {
            edges.add(Double.parseDouble(number.group(1)));
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---------------------------------------------------------------- data

    /** The records, unless the dataset holds exactly 2N of them loaded less than a day ago (a previous run's). */
    void loadOnce() throws Exception {
        String count = request("GET", elasticsearch + "/" + index + "/_count", null, null).body();
        String descriptor = request("GET", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset, null,
                null).body();
        Matcher loaded = Pattern.compile("\"loaded_at\":\"([^\"]+)\"").matcher(descriptor);
        if (count.contains("\"count\":" + 2L * records + ",") && loaded.find()
                && Instant.parse(loaded.group(1)).isAfter(Instant.now().minus(1, ChronoUnit.DAYS))) {
            loadedAt = Instant.parse(loaded.group(1));
            System.out.printf("%,d records already in %s (loaded %s)%n", 2L * records, index, loadedAt);
            return;
        }
        loadedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        send("DELETE", elasticsearch + "/" + index + "?ignore_unavailable=true", null, null);
        send("PUT", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset + "?refresh=true",
                "{\"name\":\"" + dataset + "\",\"task\":\"TextClassification\",\"workspace\":\"" + workspace
                        + "\",\"owner\":\"" + workspace + "\",\"tags\":{\"bench\":\"drift\",\"loaded_at\":\"" + loadedAt
                        + "\"},\"created_at\":\"" + loadedAt + "\",\"last_updated\":\"" + loadedAt + "\"}", null);
        System.out.printf("loading %,d records into %s ...%n", 2L * records, index);
        long start = System.nanoTime();
        Random random = new Random(29);
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < 2 * records; n++) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"rec-").append(n).append("\"}}\n")
                    .append(document(n, n >= records, random)).append('\n');
            if ((n + 1) % 2000 == 0 || n == 2 * records - 1) {
                if (send("POST", elasticsearch + "/_bulk?filter_path=errors", bulk.toString(), null).contains("true")) {
                    throw new IllegalStateException("Elasticsearch refused documents");
                }
                bulk.setLength(0);
            }
        }
        send("POST", elasticsearch + "/" + index + "/_refresh", null, null);
        System.out.printf("loaded in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * A record as stored, in the reference day (four days before the load) or the live one (the day before): live
     * records lean to the second label, are less confident, come from a new source once in ten, cost more and are
     * longer.
     */
    String document(int n, boolean live, Random random) {
        Instant day = loadedAt.minus(live ? 1 : 4, ChronoUnit.DAYS);
        Instant at = day.plusMillis((long) (random.nextDouble() * 86_400_000L));
        int label = live && random.nextInt(4) == 0 ? 1 : random.nextInt(LABELS.length);
        double confidence = Math.round((live ? 0.4 + random.nextDouble() * 0.5 : 0.55 + random.nextDouble() * 0.45)
                * 1000) / 1000.0;
        String source = live && random.nextInt(10) == 0 ? "new-partner" : SOURCES[random.nextInt(SOURCES.length)];
        double price = Math.round((50 + random.nextGaussian() * 15 + (live ? 5 : 0)) * 100) / 100.0;
        int length = 40 + random.nextInt(live ? 260 : 200);
        String agent = AGENTS[random.nextInt(live ? 3 : 2)];
        String text = "x".repeat(Math.min(length, 20));
        return "{\"id\":\"rec-" + n + "\",\"event_timestamp\":\"" + at + "\",\"status\":\"Default\","
                + "\"metadata\":{\"source\":\"" + source + "\",\"price\":" + price + "},"
                + "\"prediction\":{\"agent\":\"" + agent + "\",\"labels\":[{\"class\":\"" + LABELS[label]
                + "\",\"confidence\":" + confidence + "}]},\"inputs\":{\"text\":\"" + text + "\"},\"multi_label\":false,"
                + "\"last_updated\":\"" + at + "\",\"predicted_as\":[\"" + LABELS[label] + "\"],\"annotated_as\":[],"
                + "\"predicted_by\":[\"" + agent + "\"],\"annotated_by\":[],\"score\":" + confidence + ",\"words\":\""
                + text + "\",\"text_length\":" + length + "}";
    }

    // ---------------------------------------------------------------- processes

    static long pid(String commandLineHas) throws Exception {
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains(commandLineHas) && command.contains("java")) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while listed
                }
            }
        }
        throw new IllegalStateException("no running process with '" + commandLineHas + "' in its command line");
    }

    /** utime + stime of the process, in clock ticks. */
    static long cpu(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static double median(double[][] rows, int column) {
        double[] values = Arrays.stream(rows).mapToDouble(row -> row[column]).sorted().toArray();
        return values[values.length / 2];
    }

    // ---------------------------------------------------------------- http

    String token(String user, String password) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(keycloak
                        + "/realms/rubrix/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=rubrix-client&username=" + user
                        + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher found = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        if (answer.statusCode() != 200 || !found.find()) {
            throw new IllegalStateException("no token for " + user + ": " + excerpt(answer.body()));
        }
        return found.group(1);
    }

    HttpResponse<String> request(String method, String url, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", url.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String send(String method, String url, String body, String bearer) throws Exception {
        HttpResponse<String> response = request(method, url, body, bearer);
        if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + excerpt(response.body()));
        }
        return response.body();
    }

    static String excerpt(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    String arg(String name, String otherwise) {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        int at = list.indexOf(name);
        return at >= 0 && at + 1 < list.size() ? list.get(at + 1) : otherwise;
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingestion benchmark (issue 3): the same realistic text-classification records through
 *   (a) ingest-service :bulk, chunks of 500, one sequential client reading its writes (rb.log),
 *   (b) ingest-service :bulk, 4 concurrent clients with refresh=false,
 *   (c) Kafka topic rubrix.records, consumed by ingest-service,
 *   (d) Elasticsearch _bulk directly, the same documents (with derived fields), 1 and 4 clients.
 *   (r) ingest-service :bulk again with b's records into b's dataset (all ids exist), 4 clients.
 * and two ceilings, what any service could reach on this machine (both share its cores with Elasticsearch):
 *   (p) d4 through a JVM proxy that only forwards the bytes (bench/PassThroughProxy.java, started here):
 *       an HTTP service that did no work at all,
 *   (k) d4 while the same records are produced to a Kafka topic nobody reads: (c) with a consumer that cost
 *       nothing, since the producer and the broker run beside Elasticsearch.
 * Run by bench/run.sh against the local stack, by default with Elasticsearch alone on one CPU (--placement split,
 * docs/adr/0002); prints records/s and the ratios.
 */
public class IngestBenchmark {

    static final String[] LABELS = {"Business", "Sports", "World", "Science"};
    static final String[] WORDS = ("market stocks rally shares growth inflation bank policy rate election vote team "
            + "match season goal coach player league minister government summit treaty border research study "
            + "scientists climate energy space rocket data model network security cloud software profit revenue "
            + "quarter forecast economy trade export import court law police city weather storm flood health "
            + "vaccine hospital school student budget tax reform price oil gas company startup investor").split(" ");

    static final String UNREAD_TOPIC = "rubrix.bench.unread";
    static final Pattern INDEX_TOTAL = Pattern.compile("\"index_total\":(\\d+)");

    // HTTP/1.1 as the rubrix client (httpx) speaks it: four clients are four connections, not four h2c streams
    // multiplexed on one connection (and one event loop of the service).
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String ingest;
    final String elasticsearch;
    final String token;
    final String kafka;
    final String proxy;
    final CpuMeter cpu = new CpuMeter();
    final Map<String, Map<String, List<Double>>> cpuByWay = new LinkedHashMap<>();
    final String workspace;
    final int total;
    final List<String> only;
    final int warmup;
    final boolean keep;
    String run = Long.toString(System.currentTimeMillis() % 1_000_000);
    final int rounds;
    final int chunkSize;

    IngestBenchmark(String[] args) {
        ingest = arg(args, "--ingest", "http://127.0.0.1:8081");
        elasticsearch = arg(args, "--elasticsearch", "http://127.0.0.1:9200");
        token = arg(args, "--token", System.getenv("RUBRIX_TOKEN"));
        kafka = arg(args, "--kafka", "127.0.0.1:9092");
        proxy = arg(args, "--proxy", "http://127.0.0.1:9299");
        workspace = arg(args, "--workspace", "team-a");
        total = Integer.parseInt(arg(args, "--records", "100000"));
        only = List.of(arg(args, "--only", "d1,d4,a,b,c,r,p,k").split(","));
        warmup = Integer.parseInt(arg(args, "--warmup", "200000"));
        keep = List.of(args).contains("--keep");
        rounds = Integer.parseInt(arg(args, "--rounds", "1"));
        chunkSize = Integer.parseInt(arg(args, "--chunk", "500"));
    }

    public static void main(String[] args) throws Exception {
        new IngestBenchmark(args).runAll();
    }

    void runAll() throws Exception {
        List<String[]> records = generate(total, new Random(42));
        System.out.printf("%d records, %d per chunk, run %s%n", total, chunkSize, run);
        System.out.println("split".equals(System.getProperty("rubrix.bench.placement"))
                ? "placement split: Elasticsearch alone on CPU 0; services, Kafka, Keycloak and this benchmark on the others"
                : "placement shared: every process on every CPU");
        if (only.contains("k")) {
            unreadTopic(true); // made before (k) is timed, as rubrix.records exists before (c) is
        }
        Process proxyProcess = only.contains("p") ? startProxy() : null;
        try {
            runWays(records);
        } finally {
            if (proxyProcess != null) {
                proxyProcess.destroy();
            }
            if (only.contains("k") && !keep) {
                unreadTopic(false);
            }
        }
    }

    /** bench/PassThroughProxy.java on the classpath bench/run.sh gives (the ingest service's Vert.x and Netty). */
    Process startProxy() throws Exception {
        String classpath = System.getProperty("rubrix.bench.proxy-classpath", "");
        if (classpath.isBlank()) {
            throw new IllegalStateException("way p needs the services built first (scripts/stack.sh up)");
        }
        URI address = URI.create(proxy);
        Process process = new ProcessBuilder("java", "-Xmx256m", "-cp", classpath,
                System.getProperty("rubrix.bench.proxy"), Integer.toString(address.getPort()),
                Integer.toString(URI.create(elasticsearch).getPort()))
                .redirectErrorStream(true)
                .redirectOutput(new java.io.File(System.getProperty("java.io.tmpdir"), "rubrix-bench-proxy.log"))
                .start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                get(proxy + "/");
                return process;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroy();
        throw new IllegalStateException("the pass-through proxy did not start; see rubrix-bench-proxy.log in "
                + System.getProperty("java.io.tmpdir"));
    }

    /** Creates (or deletes) the topic of way (k), with as many partitions as rubrix.records gets by default. */
    void unreadTopic(boolean create) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(config)) {
            if (create) {
                admin.createTopics(List.of(new NewTopic(UNREAD_TOPIC, 3, (short) 1))).all().get();
            } else {
                admin.deleteTopics(List.of(UNREAD_TOPIC)).all().get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException || e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    void runWays(List<String[]> records) throws Exception {
        // Both sides get the same warm-up, so that neither is measured while its JIT compiles. A service just
        // started compiles for its first few hundred thousand records (its C2 compiler spent 5.9 CPU-s on the
        // first 100,000 through Kafka, 0.1-0.6 after 500,000 through b and c): the default, 200,000 records each way
        // in passes of at most --records into fresh indices, measures it warm, as Elasticsearch is.
        for (int sent = 0; sent < warmup; sent += records.size()) {
            List<String[]> few = records.subList(0, Math.min(warmup - sent, records.size()));
            rawBulk(few, 4, "warmup");
            if (only.contains("p")) {
                rawBulk(few, 4, "warmup", proxy);
            }
            serviceBulk(few, 4, false, "warmup");
            viaKafka(few, "warmup-kafka");
            removeWhatTheWarmUpWrote(); // the next pass writes new records, as every way measured does
        }
        if (warmup > 0) {
            System.out.printf("(warmed up with %d records each way)%n", warmup);
        }
        // Elasticsearch's own rate varies from run to run on this machine (d4 16,500 to 22,000 records/s minutes
        // apart): each round measures every way once, and the ratios are those of the medians. What a way wrote is
        // removed once it is measured, so that each starts from the same cluster: with the round's earlier
        // 100,000-document indices left in place, the last ways measured 10-15% slower than the same work first.
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        String base = run;
        for (int round = 1; round <= rounds; round++) {
            run = rounds == 1 ? base : base + "r" + round;
            if (rounds > 1) {
                System.out.printf("round %d of %d%n", round, rounds);
            }
            for (Way way : inRoundOrder(ways(records), round)) {
                measure(rates, way.key(), way.name(), way.work());
            }
        }
        double d1 = median(rates.get("d1"));
        double d4 = median(rates.get("d4"));
        double a = median(rates.get("a"));
        double b = median(rates.get("b"));
        double c = median(rates.get("c"));
        System.out.println();
        if (rounds > 1) {
            rates.forEach((key, values) -> System.out.printf("%-3s median %8.0f records/s of %s%n", key, median(values),
                    values.stream().map(v -> String.format("%.0f", v)).toList()));
        }
        System.out.println("CPU-seconds per 100,000 records (medians):");
        cpuByWay.forEach((key, byProcess) -> {
            Map<String, Double> medians = new LinkedHashMap<>();
            byProcess.forEach((process, values) -> medians.put(process, median(values)));
            System.out.printf("%-3s %s%n", key, CpuMeter.format(medians));
        });
        ratio("ratio b/d4", b / d4, "goal >= 0.85");
        ratio("ratio c/d4", c / d4, "goal >= 0.85");
        ratio("ratio a/d1", a / d1, String.format("a = %.0f records/s, goal >= 2500", a));
        ratio("ratio r/d4", median(rates.get("r")) / d4, "re-logging existing records; no goal");
        ratio("ceiling p/d4", median(rates.get("p")) / d4, "the most any HTTP service in front of Elasticsearch reaches here");
        ratio("ceiling k/d4", median(rates.get("k")) / d4, "the most (c) reaches here with a consumer that costs nothing");
        // The ways against their ceilings: what the service's own work costs, apart from sharing the machine.
        ratio("ratio b/p", b / median(rates.get("p")), ":bulk against a service that does nothing");
        if (rates.containsKey("n") && rates.containsKey("w")) {
            ratio("ratio w/n", median(rates.get("w")) / median(rates.get("n")),
                    "10 labelling rules matched and voted on every record at ingest (issue 28)");
        }
        ratio("ratio c/k", c / median(rates.get("k")), "Kafka against a consumer that costs nothing");
    }

    record Way(String key, String name, Work work) {
    }

    List<Way> ways(List<String[]> records) {
        return List.of(
                new Way("d1", "d1 Elasticsearch _bulk, 1 client", () -> rawBulk(records, 1, "d1")),
                new Way("d4", "d4 Elasticsearch _bulk, 4 clients", () -> rawBulk(records, 4, "d4")),
                new Way("a", "a  :bulk, 1 client, read-your-writes", () -> serviceBulk(records, 1, true, "a")),
                new Way("b", "b  :bulk, 4 clients, refresh=false", () -> serviceBulk(records, 4, false, "b")),
                new Way("n", "n  :bulk as b, records without prediction", () -> serviceBulk(unpredicted(records), 4,
                        false, "n")),
                new Way("w", "w  :bulk as n, 10 rules applied (weak labels)", () -> {
                    withTenRulesApplied("bench-w-" + run);
                    serviceBulk(unpredicted(records), 4, false, "w");
                }),
                new Way("c", "c  Kafka -> ingest-service", () -> viaKafka(records, "c")),
                // The same records logged again into b's dataset, as a model re-run over a dataset does: every id
                // exists, so each is read and written over its stored version (human work on it would be kept).
                new Way("r", "r  :bulk again over b's records, 4 clients", () -> serviceBulk(records, 4, false, "b")),
                new Way("p", "p  d4 through a pass-through proxy", () -> rawBulk(records, 4, "p", proxy)),
                new Way("k", "k  d4 beside a Kafka producer", () -> rawBulkBesideProducer(records, "k")));
    }

    /**
     * The ways of round {@code round}, each round starting one way further (r always right after b, whose
     * records it logs again), so that no way always follows the same one: in a fixed order, where (b) came
     * after (a) and its refresh at every chunk, Elasticsearch spent 10.4-10.8 CPU-seconds per 100,000 documents
     * of (b) in three rounds against 7.7-9.4 for d4.
     */
    static List<Way> inRoundOrder(List<Way> ways, int round) {
        List<Way> rotating = new ArrayList<>(ways.stream().filter(way -> !way.key().equals("r")).toList());
        java.util.Collections.rotate(rotating, -(round - 1));
        List<Way> ordered = new ArrayList<>();
        for (Way way : rotating) {
            ordered.add(way);
            if (way.key().equals("b")) {
                ways.stream().filter(relog -> relog.key().equals("r")).forEach(ordered::add);
            }
        }
        return ordered;
    }

    /** One line of the summary, left out when a way it needs was not run. */
    static void ratio(String name, double value, String note) {
        if (!Double.isNaN(value)) {
            System.out.printf("%s = %.2f   (%s)%n", name, value, note);
        }
    }

    static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The warm-up's index and datasets, so that benchmarks do not pile up in the workspace. */
    void removeWhatTheWarmUpWrote() throws Exception {
        delete(elasticsearch + "/rubrix.records.bench.raw-warmup-" + run);
        removeDataset("bench-warmup-" + run);
        removeDataset("bench-warmup-kafka-" + run);
    }

    /** What way {@code key} wrote: a raw index (d1, d4, p, k) or a dataset (a, b, c; r writes into b's). */
    void removeWhatWasWritten(String key) throws Exception {
        switch (key) {
            case "d1", "d4", "p" -> delete(elasticsearch + "/rubrix.records.bench.raw-" + key + "-" + run);
            case "k" -> delete(elasticsearch + "/rubrix.records.bench.raw-k-" + run);
            case "r" -> removeDataset("bench-b-" + run);
            default -> removeDataset("bench-" + key + "-" + run);
        }
    }

    void removeDataset(String dataset) throws Exception {
        delete(elasticsearch + "/rubrix.records." + workspace + "." + dataset);
        delete(elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset);
    }

    void delete(String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    interface Work {
        void run() throws Exception;
    }

    /**
     * Waits until Elasticsearch merges no segments (at most a minute): each way starts from the same quiet
     * cluster instead of paying for the merges that the previous way's 100,000 documents left running.
     */
    void settle() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        int quiet = 0;
        while (quiet < 3 && System.currentTimeMillis() < deadline) {
            String merges = get(elasticsearch + "/_nodes/stats/indices/merge?filter_path=nodes.*.indices.merges.current");
            quiet = merges.contains("\"current\":0}") ? quiet + 1 : 0;
            Thread.sleep(500);
        }
    }

    void measure(Map<String, List<Double>> rates, String key, String name, Work work) throws Exception {
        if (!only.contains(key)) {
            return;
        }
        settle();
        Map<String, Long> before = cpu.ticks();
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = total / seconds;
        System.out.printf("%-42s %8.1f s %10.0f records/s%n", name, seconds, rate);
        Map<String, Double> used = cpu.since(before, 100_000.0 / total);
        System.out.println("    CPU-seconds per 100,000 records: " + CpuMeter.format(used));
        used.forEach((process, cpuSeconds) -> cpuByWay.computeIfAbsent(key, k -> new LinkedHashMap<>())
                .computeIfAbsent(process, p -> new ArrayList<>()).add(cpuSeconds));
        rates.computeIfAbsent(key, k -> new ArrayList<>()).add(rate);
        boolean reloggedNext = "b".equals(key) && only.contains("r");
        if (!keep && !reloggedNext) {
            removeWhatWasWritten(key);
        }
    }

    // ---------------------------------------------------------------- the four ways in

    void serviceBulk(List<String[]> records, int clients, boolean readYourWrites, String tag) throws Exception {
        String dataset = "bench-" + tag + "-" + run;
        inParallel(records, clients, chunk -> {
            StringBuilder body = new StringBuilder("{\"tags\":{\"bench\":\"" + tag + "\"},\"records\":[");
            for (int i = 0; i < chunk.size(); i++) {
                body.append(i == 0 ? "" : ",").append(chunk.get(i)[0]);
            }
            body.append("]}");
            String url = ingest + "/api/datasets/" + dataset + "/TextClassification:bulk?workspace=" + workspace
                    + (readYourWrites ? "" : "&refresh=false");
            String answer = post(url, body.toString(), "application/json", true);
            if (!answer.contains("\"failed\":0")) {
                throw new IllegalStateException("bulk refused records: " + answer);
            }
        });
        awaitCount("rubrix.records." + workspace + "." + dataset, records.size());
    }

    void rawBulk(List<String[]> records, int clients, String tag) throws Exception {
        rawBulk(records, clients, tag, elasticsearch);
    }

    /** The documents sent to {@code target}'s {@code _bulk}: Elasticsearch itself, or the pass-through proxy. */
    void rawBulk(List<String[]> records, int clients, String tag, String target) throws Exception {
        String index = "rubrix.records.bench.raw-" + tag + "-" + run;
        inParallel(records, clients, chunk -> {
            StringBuilder body = new StringBuilder();
            for (String[] record : chunk) {
                body.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(record[2])
                        .append("\"}}\n").append(record[1]).append('\n');
            }
            String answer = post(target + "/_bulk?refresh=false", body.toString(), "application/x-ndjson", false);
            if (answer.contains("\"errors\":true")) {
                throw new IllegalStateException("Elasticsearch refused documents: " + answer.substring(0, 500));
            }
        });
        awaitCount(index, records.size());
    }

    void viaKafka(List<String[]> records, String tag) throws Exception {
        String dataset = "bench-" + tag + "-" + run;
        produce(records, "rubrix.records", dataset);
        awaitCount("rubrix.records." + workspace + "." + dataset, records.size());
    }

    /**
     * d4 while the records go as envelopes, in the same way as (c), to a topic that nobody consumes: the time
     * of both. It is what (c) would take if consuming and indexing through the service cost nothing more than
     * d4's clients do, since the producer, the broker and Elasticsearch share this machine's cores.
     */
    void rawBulkBesideProducer(List<String[]> records, String tag) throws Exception {
        ExecutorService producing = Executors.newSingleThreadExecutor();
        Future<?> produced = producing.submit(() -> {
            produce(records, UNREAD_TOPIC, "bench-" + tag + "-" + run);
            return null;
        });
        rawBulk(records, 4, tag);
        produced.get();
        producing.shutdown();
    }

    void produce(List<String[]> records, String topic, String dataset) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String[] record : records) {
                String envelope = "{\"workspace\":\"" + workspace + "\",\"dataset\":\"" + dataset
                        + "\",\"task\":\"TextClassification\",\"record\":" + record[0] + "}";
                producer.send(new ProducerRecord<>(topic, record[2], envelope));
            }
            producer.flush();
        }
    }

    interface ChunkWork {
        void send(List<String[]> chunk) throws Exception;
    }

    void inParallel(List<String[]> records, int clients, ChunkWork work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int from;
                while ((from = next.getAndAdd(chunkSize)) < records.size()) {
                    work.send(records.subList(from, Math.min(from + chunkSize, records.size())));
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
    }

    /**
     * Waits until the index took {@code expected} documents. It watches the index's operation count instead of
     * refreshing and counting every 200 ms: forced refreshes while Kafka was still being consumed made hundreds of
     * tiny segments, and Elasticsearch's merging of them was charged to (c) only. The count is checked at the end.
     */
    void awaitCount(String index, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            String stats = get(elasticsearch + "/" + index + "/_stats/indexing?filter_path=_all.primaries.indexing.index_total");
            Matcher total = INDEX_TOTAL.matcher(stats);
            if (total.find() && Long.parseLong(total.group(1)) >= expected) {
                post(elasticsearch + "/" + index + "/_refresh", "", "application/json", false);
                if (get(elasticsearch + "/" + index + "/_count").contains("\"count\":" + expected + ",")) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(index + " never reached " + expected + " documents");
    }

    String post(String url, String body, String type, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !url.endsWith("_refresh")) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * CPU time of the processes that share this machine, read from /proc (Linux): what each way costs, which
     * its rate alone does not show on a machine whose rates vary by a fifth from one minute to the next.
     */
    static final class CpuMeter {

        private static final double TICKS_PER_SECOND = 100; // USER_HZ
        private final Map<String, String> processes = new LinkedHashMap<>();

        CpuMeter() {
            // the first that a command line holds names it: the benchmark's own also names the proxy's source
            processes.put("benchmark", "IngestBenchmark");
            processes.put("elasticsearch", "org.elasticsearch.bootstrap");
            processes.put("ingest-service", "ingest-service/target/quarkus-app/quarkus-run.jar");
            processes.put("kafka", "kafka.Kafka");
            processes.put("proxy", "PassThroughProxy");
        }

        /** utime + stime of each process, by name (a process not running counts 0). */
        Map<String, Long> ticks() {
            Map<String, Long> ticks = new LinkedHashMap<>();
            processes.keySet().forEach(name -> ticks.put(name, 0L));
            java.io.File[] entries = new java.io.File("/proc").listFiles((dir, entry) -> entry.chars().allMatch(Character::isDigit));
            for (java.io.File entry : entries == null ? new java.io.File[0] : entries) {
                try {
                    String command = java.nio.file.Files.readString(entry.toPath().resolve("cmdline")).replace('\0', ' ');
                    for (Map.Entry<String, String> process : processes.entrySet()) {
                        if (command.contains(process.getValue())) {
                            String stat = java.nio.file.Files.readString(entry.toPath().resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks.merge(process.getKey(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                            break;
                        }
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
            return ticks;
        }

        /** CPU-seconds of each process since {@code before}, times {@code scale}. */
        Map<String, Double> since(Map<String, Long> before, double scale) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            ticks().forEach((name, ticks) -> seconds.put(name,
                    (ticks - before.getOrDefault(name, 0L)) / TICKS_PER_SECOND * scale));
            return seconds;
        }

        /** e.g. "elasticsearch 7.1, ingest-service 2.4" (processes that used less than 0.05 s left out). */
        static String format(Map<String, Double> seconds) {
            List<String> parts = new ArrayList<>();
            seconds.forEach((name, value) -> {
                if (value >= 0.05) {
                    parts.add(String.format("%s %.1f", name, value));
                }
            });
            return String.join(", ", parts);
        }
    }

    // ---------------------------------------------------------------- data

    /**
     * Each record as [wire JSON, Elasticsearch document with derived fields, id]: 20-60 words, a
     * 4-label prediction, 3 metadata fields; no annotation (machines log predictions only).
     */
    static List<String[]> generate(int count, Random random) {
        List<String[]> records = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            String id = "rec-" + n;
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
                labels.append(l == 0 ? "" : ",").append("{\"class\":\"").append(LABELS[l])
                        .append("\",\"confidence\":").append(scores[l]).append('}');
            }
            labels.append(']');
            // Predictions only: a machine account (and Kafka) may not log people's labels (docs/adr/0009).
            String metadata = "{\"source\":\"feed-" + random.nextInt(8) + "\",\"split\":\""
                    + (random.nextInt(10) < 8 ? "train" : "test") + "\",\"length\":" + words + "}";
            StringBuilder wire = new StringBuilder("{\"id\":\"").append(id).append("\",\"metadata\":").append(metadata)
                    .append(",\"event_timestamp\":\"2026-11-28T10:00:00Z\"");
            wire.append(",\"prediction\":{\"agent\":\"bench-model\",\"labels\":").append(labels).append('}');
            wire.append(",\"inputs\":{\"text\":\"").append(text).append("\"},\"multi_label\":false}");
            StringBuilder document = new StringBuilder(wire.substring(0, wire.length() - 1));
            document.append(",\"status\":\"Default\"");
            document.append(",\"last_updated\":\"2026-11-28T10:00:00Z\",\"predicted_as\":[\"").append(LABELS[top])
                    .append("\"],\"annotated_as\":[],\"predicted_by\":[\"bench-model\"],\"annotated_by\":[]");
            document.append(",\"score\":").append(scores[top]).append(",\"words\":\"").append(text).append("\"}");
            records.add(new String[] {wire.toString(), document.toString(), id});
        }
        return records;
    }

    /** The records as a model-less source logs them: no prediction, so the rules' weak label is theirs to get. */
    static List<String[]> unpredicted(List<String[]> records) {
        return records.stream().map(record -> new String[] {record[0].replaceFirst(
                ",\"prediction\":\\{\"agent\":\"bench-model\",\"labels\":\\[[^\\]]*\\]\\}", ""), record[1], record[2]})
                .toList();
    }

    /** bench/RulesBenchmark.java's rules (a single-file program cannot share them): name, query, label. */
    static final String[][] RULES = {
            {"stocks-rally", "stocks AND rally", "Business"},
            {"profit-or-revenue", "profit OR revenue", "Business"},
            {"bank-rate", "bank rate", "Business"},
            {"coach", "coach", "Sports"},
            {"league-goal", "league AND (goal OR score)", "Sports"},
            {"election", "election OR vote", "World"},
            {"court-law", "court law", "World"},
            {"space", "\"space rocket\" OR climate", "Science"},
            {"software", "software AND NOT market", "Science"},
            {"data-model", "data model", "Science"}};

    /** The rules, and the majority vote applied, in a new dataset's descriptor (as annotation-service keeps them). */
    void withTenRulesApplied(String dataset) throws Exception {
        String now = java.time.Instant.now().toString();
        StringBuilder rules = new StringBuilder();
        for (String[] rule : RULES) {
            rules.append(rules.isEmpty() ? "" : ",").append('"').append(rule[0]).append("\":{\"name\":\"")
                    .append(rule[0]).append("\",\"query\":\"").append(rule[1].replace("\"", "\\\""))
                    .append("\",\"labels\":[\"").append(rule[2]).append("\"],\"author\":\"bench\",\"created_at\":\"")
                    .append(now).append("\",\"updated_at\":\"").append(now).append("\"}");
        }
        String descriptor = "{\"name\":\"" + dataset + "\",\"task\":\"TextClassification\",\"workspace\":\""
                + workspace + "\",\"owner\":\"" + workspace + "\",\"created_by\":\"bench\",\"created_at\":\"" + now
                + "\",\"last_updated\":\"" + now + "\",\"closed\":false,\"settings\":{\"labels\":[],\"rules\":{" + rules
                + "},\"weak_labels\":{\"model\":\"majority\",\"applied_at\":\"" + now + "\"}}}";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/rubrix.datasets/_doc/"
                        + workspace + "." + dataset + "?refresh=true")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(descriptor)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() >= 300) {
            throw new IllegalStateException("the descriptor of " + dataset + " was refused: " + put.body());
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gateway benchmark (issues 6 and 31), straight to the services and through the gateway at :6900 in the same run:
 * N records logged with :bulk in chunks of 500 (as rb.log does); searches with every aggregation (the mix of
 * bench/SearchBenchmark) and a small JSON answer (a dataset's descriptor) at concurrency 8, direct and through the
 * gateway in alternating rounds (medians), and through a proxy that only streams (bench/StreamingProxy.java: the floor
 * of any gateway on this machine); the NDJSON export of the N records. The resident memory (VmRSS) of every
 * app of the local stack is sampled all along: the highest during each phase, and after the run.
 *
 *   bench/run.sh gateway [--records 100000] [--requests 2000] [--concurrency 8] [--rounds 3]
 *                        [--only log,search,small,export] [--dataset NAME: searches and exports an existing one]
 */
public class GatewayBenchmark {

    static final String[] APPS = {"ingest-service", "query-service", "annotation-service", "ui"};
    static final String[] QUERIES = {
            "{}", "{\"query_text\":\"market teams\"}", "{\"predicted_as\":[\"A\"]}",
            "{\"status\":[\"Default\"],\"metadata\":{\"split\":\"train\"}}",
            "{\"predicted_as\":[\"A\",\"B\"],\"confidence\":{\"from\":0.3,\"to\":0.8}}"};
    static final String GATEWAY = "http://localhost:6900";
    static final String FLOOR = "http://127.0.0.1:9298";
    /** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat. */
    static final long CLOCK_TICKS = 100;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String token = System.getenv("RUBRIX_TOKEN");
    final int records;
    final int requests;
    final int concurrency;
    final int rounds;
    final List<String> only;
    final Map<String, Long> pids = new LinkedHashMap<>();
    /** The highest resident memory (kB) of each app since the phase began. */
    final Map<String, Long> highest = new java.util.concurrent.ConcurrentHashMap<>();
    volatile boolean sampling = true;
    /** The floor: a proxy that only streams (bench/StreamingProxy.java), when it was started. */
    long floorPid;

    GatewayBenchmark(String[] args) {
        List<String> list = Arrays.asList(args);
        records = Integer.parseInt(arg(list, "--records", "100000"));
        requests = Integer.parseInt(arg(list, "--requests", "2000"));
        concurrency = Integer.parseInt(arg(list, "--concurrency", "8"));
        rounds = Integer.parseInt(arg(list, "--rounds", "3"));
        only = Arrays.asList(arg(list, "--only", "log,search,small,export").split(","));
    }

    static String arg(List<String> args, String name, String otherwise) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : otherwise;
    }

    public static void main(String[] args) throws Exception {
        new GatewayBenchmark(args).run(Arrays.asList(args));
    }

    void run(List<String> args) throws Exception {
        findApps();
        Process floor = startFloor();
        try {
            measure(args);
        } finally {
            if (floor != null) {
                floor.destroy();
            }
        }
    }

    /** bench/StreamingProxy.java in front of query-service, on the gateway's Vert.x and Netty (bench/run.sh). */
    Process startFloor() throws Exception {
        String classpath = System.getProperty("rubrix.bench.proxy-classpath", "");
        String source = System.getProperty("rubrix.bench.proxy");
        if (classpath.isEmpty() || source == null) {
            System.out.println("no bench/StreamingProxy.java classpath: the floor is left out");
            return null;
        }
        Process process = new ProcessBuilder("java", "-XX:+UseSerialGC", "-Xmx128m", "-cp", classpath, source, "9298",
                "8082").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 9298)) {
                floorPid = process.pid();
                return process;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroy();
        throw new IllegalStateException("bench/StreamingProxy.java did not start");
    }

    void measure(List<String> args) throws Exception {
        Thread sampler = new Thread(this::sampleMemory);
        sampler.setDaemon(true);
        sampler.start();
        String stamp = Long.toString(System.currentTimeMillis());
        String direct = arg(args, "--dataset", "bench-gw-direct-" + stamp);
        String proxied = "bench-gw-proxied-" + stamp;
        System.out.printf("%d records; %d requests per round at concurrency %d, %d rounds%n", records, requests,
                concurrency, rounds);
        phase("log", () -> {
            double straight = rate(records, () -> log("http://127.0.0.1:8081", direct));
            double through = rate(records, () -> log(GATEWAY, proxied));
            System.out.printf("log :bulk            direct %8.0f records/s   gateway %8.0f records/s   ratio %.2f%n",
                    straight, through, through / straight);
        });
        phase("search", () -> compare(":search, every aggregation", n -> "/api/datasets/" + direct
                + "/TextClassification:search?limit=50", n -> QUERIES[n % QUERIES.length]));
        phase("small", () -> compare("GET a dataset (small JSON)", n -> "/api/datasets/" + direct, n -> null));
        phase("export", () -> {
            double[] straights = new double[rounds];
            double[] throughs = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                straights[round] = rate(records, () -> export("http://127.0.0.1:8082", direct));
                throughs[round] = rate(records, () -> export(GATEWAY, direct));
            }
            double straight = median(straights);
            double through = median(throughs);
            System.out.printf("export NDJSON, medians of %d rounds%n", rounds);
            System.out.printf("export NDJSON        direct %8.0f records/s   gateway %8.0f records/s   ratio %.2f "
                    + "(goal >= 50,000 through the gateway)%n", straight, through, through / straight);
        });
        Thread.sleep(5000);
        sampling = false;
        System.out.printf("%-20s %s   (goal <= 200 MB each after the run)%n", "resident memory, MB", "after the run");
        for (String app : pids.keySet()) {
            System.out.printf("%-20s %6d%n", app, rss(pids.get(app)) >> 10);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    interface Counted {
        long run() throws Exception;
    }

    interface PerRequest<T> {
        T of(int n);
    }

    /** Runs a phase and prints the highest resident memory of each app during it. */
    void phase(String name, Work work) throws Exception {
        if (!only.contains(name)) {
            return;
        }
        highest.clear();
        work.run();
        StringBuilder line = new StringBuilder(String.format("  highest RSS during %-7s", name));
        for (String app : pids.keySet()) {
            line.append(String.format(" %s %d MB", app, highest.getOrDefault(app, 0L) >> 10));
        }
        System.out.println(line);
    }

    double rate(long expected, Counted transfer) throws Exception {
        long start = System.nanoTime();
        long done = transfer.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done != expected) {
            throw new IllegalStateException(done + " records, not " + expected);
        }
        return done / seconds;
    }

    /** Direct and through the gateway in alternating rounds; prints the medians over rounds and the ratios. */
    void compare(String name, PerRequest<String> path, PerRequest<String> body) throws Exception {
        // Every path warmed the same way, by a round that is not counted: a JVM proxy just started spends several
        // times its steady CPU per request on its JIT for its first thousands of requests.
        load("http://127.0.0.1:8082", path, body);
        load(GATEWAY, path, body);
        if (floorPid != 0) {
            load(FLOOR, path, body);
        }
        List<double[]> straight = new ArrayList<>();
        List<double[]> through = new ArrayList<>();
        List<double[]> bare = new ArrayList<>();
        long gatewayCpu = 0;
        long floorCpu = 0;
        for (int round = 0; round < rounds; round++) {
            straight.add(load("http://127.0.0.1:8082", path, body));
            long gateway = cpu(pids.get("ui"));
            through.add(load(GATEWAY, path, body));
            gatewayCpu += cpu(pids.get("ui")) - gateway;
            if (floorPid != 0) {
                long floor = cpu(floorPid);
                bare.add(load(FLOOR, path, body));
                floorCpu += cpu(floorPid) - floor;
            }
        }
        double[] d = medians(straight);
        double[] g = medians(through);
        double calls = (double) rounds * requests;
        System.out.printf("%-28s direct     p50 %6.1f ms p99 %6.1f ms %6.0f requests/s%n", name, d[0], d[1], d[2]);
        System.out.printf("%-28s gateway    p50 %6.1f ms p99 %6.1f ms %6.0f requests/s; its CPU per request %.2f ms%n",
                "", g[0], g[1], g[2], gatewayCpu / calls);
        System.out.printf("%-28s gateway/direct: throughput %.2f (goal >= 0.9), p99 %.2f (goal <= 1.2), p50 %.2f%n",
                "", g[2] / d[2], g[1] / d[1], g[0] / d[0]);
        if (!bare.isEmpty()) {
            double[] f = medians(bare);
            System.out.printf("%-28s bare proxy p50 %6.1f ms p99 %6.1f ms %6.0f requests/s; its CPU per request %.2f ms%n",
                    "", f[0], f[1], f[2], floorCpu / calls);
            System.out.printf("%-28s bare proxy/direct (the floor on this machine): throughput %.2f, p99 %.2f%n", "",
                    f[2] / d[2], f[1] / d[1]);
        }
    }

    /** CPU time (user + system) a process has used so far, in ms; 0 when it is unknown or gone. */
    static long cpu(Long pid) {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS;
        } catch (Exception gone) {
            return 0;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double[] medians(List<double[]> rounds) {
        double[] result = new double[3];
        for (int i = 0; i < 3; i++) {
            final int at = i;
            double[] values = rounds.stream().mapToDouble(r -> r[at]).sorted().toArray();
            result[i] = values[values.length / 2];
        }
        return result;
    }

    /** [p50 ms, p99 ms, requests/s] of `requests` calls at `concurrency`. */
    double[] load(String base, PerRequest<String> path, PerRequest<String> body) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            running.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < requests) {
                    long begin = System.nanoTime();
                    call(base, path.of(n), body.of(n));
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
        return new double[] {latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6, requests / wall};
    }

    void call(String base, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                "Bearer " + token).timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains(body == null ? "\"name\"" : "\"records\"")) {
            throw new IllegalStateException(base + path + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
    }

    long log(String base, String dataset) throws Exception {
        long processed = 0;
        for (int chunk = 0; chunk < records; chunk += 500) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int n = chunk; n < Math.min(records, chunk + 500); n++) {
                double confidence = 0.5 + (n % 50) / 100.0;
                body.append(n == chunk ? "" : ",").append("{\"id\":\"r").append(n)
                        .append("\",\"inputs\":{\"text\":\"Report ").append(n)
                        .append(" on markets, teams, elections and research across the world\"},")
                        .append("\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"").append(n % 3 == 0 ? "A" : "B")
                        .append("\",\"confidence\":").append(confidence).append("},{\"class\":\"")
                        .append(n % 3 == 0 ? "B" : "A").append("\",\"confidence\":").append(1 - confidence)
                        .append("}]},\"metadata\":{\"split\":\"").append(n % 5 == 0 ? "test" : "train").append("\"}}");
            }
            body.append("]}");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/datasets/" + dataset
                    + "/TextClassification:bulk")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("bulk answered " + answer.statusCode() + ": " + answer.body());
            }
            processed += Long.parseLong(answer.body().replaceAll(".*\"processed\":([0-9]+).*", "$1"));
        }
        return processed;
    }

    long export(String base, String dataset) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/datasets/"
                + dataset + "/TextClassification/data")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
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

    /** The local stack's apps: java processes running <app>/target/quarkus-app/quarkus-run.jar (as scripts/stack.sh starts them). */
    void findApps() {
        for (String app : APPS) {
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().command().orElse("").endsWith("/java")
                            && process.info().commandLine().orElse("").contains(app + "/target/quarkus-app/quarkus-run.jar"))
                    .findFirst().ifPresent(process -> pids.put(app, process.pid()));
        }
        if (pids.size() < APPS.length) {
            System.out.println("not every app found (memory of the others only): " + pids);
        }
    }

    void sampleMemory() {
        while (sampling) {
            for (Map.Entry<String, Long> app : pids.entrySet()) {
                highest.merge(app.getKey(), rss(app.getValue()), Math::max);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmRSS in kB, 0 when the process is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception gone) {
            // the process ended
        }
        return 0;
    }
}

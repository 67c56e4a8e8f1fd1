import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway benchmark (issue 6): N records logged with :bulk in chunks of 500 (as rb.log does) and exported as NDJSON,
 * once straight to the services and once through the gateway at :6900, in the same run. While each transfer runs,
 * the gateway's heap in use is sampled from its /q/metrics (management interface, :9900): streaming keeps it flat
 * whatever N.
 *
 *   bench/run.sh gateway [--records 100000]
 */
public class GatewayBenchmark {

    static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String token = System.getenv("RUBRIX_TOKEN");
    final int records;

    GatewayBenchmark(String[] args) {
        int n = 100_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--records")) {
                n = Integer.parseInt(args[i + 1]);
            }
        }
        records = n;
    }

    public static void main(String[] args) throws Exception {
        new GatewayBenchmark(args).run();
    }

    void run() throws Exception {
        String stamp = Long.toString(System.currentTimeMillis());
        report("log  direct  (ingest :8081)", () -> log("http://127.0.0.1:8081", "bench-gw-direct-" + stamp));
        report("log  gateway (:6900)       ", () -> log("http://localhost:6900", "bench-gw-proxied-" + stamp));
        report("export direct  (query :8082)", () -> export("http://127.0.0.1:8082", "bench-gw-direct-" + stamp));
        report("export gateway (:6900)      ", () -> export("http://localhost:6900", "bench-gw-proxied-" + stamp));
    }

    interface Transfer {
        long run() throws Exception;
    }

    /** Runs the transfer while sampling the gateway's heap; prints records/s and the heap's range. */
    void report(String name, Transfer transfer) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong low = new AtomicLong(Long.MAX_VALUE);
        AtomicLong high = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                long heap = gatewayHeap();
                low.accumulateAndGet(heap, Math::min);
                high.accumulateAndGet(heap, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        long done = transfer.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        if (done != records) {
            throw new IllegalStateException(name + ": " + done + " records, not " + records);
        }
        System.out.printf("%s %d records in %5.1f s = %6.0f records/s; gateway heap in use %4d-%4d MB%n", name, done,
                seconds, done / seconds, low.get() >> 20, high.get() >> 20);
    }

    long gatewayHeap() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9900/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher heap = HEAP.matcher(metrics);
            long sum = 0;
            while (heap.find()) {
                sum += (long) Double.parseDouble(heap.group(1));
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    long log(String base, String dataset) throws Exception {
        long processed = 0;
        for (int chunk = 0; chunk < records; chunk += 500) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int n = chunk; n < Math.min(records, chunk + 500); n++) {
                body.append(n == chunk ? "" : ",").append("{\"id\":\"r").append(n)
                        .append("\",\"inputs\":{\"text\":\"Report ").append(n)
                        .append(" on markets, teams, elections and research across the world\"},")
                        .append("\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":0.7},")
                        .append("{\"class\":\"B\",\"confidence\":0.3}]},\"metadata\":{\"split\":\"train\"}}");
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
}

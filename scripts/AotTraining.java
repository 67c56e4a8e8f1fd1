import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * The training run that makes an app's ahead-of-time cache (JDK 25, JEP 483/514/515; docs/adr/0015-footprint.md):
 * starts the app with -XX:AOTCacheOutput, waits until it is live, sends it the requests every instance answers
 * (liveness, metrics, the OpenAPI document, a request without a token), stops it as Kubernetes does (SIGTERM) and
 * checks that the JVM wrote the cache as it exited. Used by scripts/stack.sh and by each Dockerfile.jvm, where the
 * run has no Elasticsearch, Kafka or Keycloak: the apps start without them (each is reached at first use).
 * {@code --stand-in PROPERTY,...} (the gateway's service URLs) points those properties at a stand-in service that
 * answers any request with JSON, and sends API requests with a bearer token through the app to it, so that the
 * cache's method profiles hold the gateway's proxy path: a gateway just started spent its first ten thousand
 * proxied searches compiling it (docs/adr/0015-footprint.md).
 *
 * <pre>
 *   java scripts/AotTraining.java --jar APP/quarkus-run.jar --cache APP.aot --port 8081 --management-port 9081
 *        [--stand-in PROPERTY,...] [--log FILE] [--java JAVA] [-- JVM options of the app]
 * </pre>
 */
public class AotTraining {

    static final Duration START = Duration.ofSeconds(180);
    static final Duration STOP = Duration.ofSeconds(120);
    static final int ROUNDS = 20;
    static final int PROXIED_ROUNDS = 3_000;
    /** About the size of a search answer with every aggregation (20 KB); and a small answer. */
    static final byte[] LARGE_ANSWER = ("{\"records\":[" + "{\"id\":\"a-record\",\"text\":\"some words\"},".repeat(500)
            + "{}],\"total\":501}").getBytes();
    static final byte[] SMALL_ANSWER = "{\"name\":\"training\",\"task\":\"TextClassification\"}".getBytes();

    public static void main(String[] args) throws Exception {
        List<String> options = new ArrayList<>(Arrays.asList(args));
        List<String> jvm = new ArrayList<>();
        int dashes = options.indexOf("--");
        if (dashes >= 0) {
            jvm.addAll(options.subList(dashes + 1, options.size()));
            options = options.subList(0, dashes);
        }
        Path jar = Path.of(required(options, "--jar"));
        Path cache = Path.of(required(options, "--cache")).toAbsolutePath();
        int port = Integer.parseInt(required(options, "--port"));
        int management = Integer.parseInt(required(options, "--management-port"));
        String java = option(options, "--java", ProcessHandle.current().info().command().orElse("java"));
        Path log = Path.of(option(options, "--log", cache + ".log"));

        Files.deleteIfExists(cache);
        List<String> standInFor = List.of(option(options, "--stand-in", "").split(",")).stream()
                .filter(property -> !property.isBlank()).toList();
        HttpServer standIn = standInFor.isEmpty() ? null : standIn();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvm);
        for (String property : standInFor) {
            command.add("-D" + property + "=http://127.0.0.1:" + standIn.getAddress().getPort());
        }
        command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management, "-jar", jar.toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitLive(http, app, management, log);
            for (int round = 0; round < ROUNDS; round++) {
                get(http, "http://127.0.0.1:" + management + "/q/health/live"); // readiness waits on what is away
                get(http, "http://127.0.0.1:" + management + "/q/metrics");
                get(http, "http://127.0.0.1:" + port + "/q/openapi");
                get(http, "http://127.0.0.1:" + port + "/api/me");
            }
            for (int round = 0; standIn != null && round < PROXIED_ROUNDS; round++) {
                proxied(http, "http://127.0.0.1:" + port + "/api/datasets/training/TextClassification:search",
                        "{\"query\":{\"query_text\":\"words\"}}");
                proxied(http, "http://127.0.0.1:" + port + "/api/datasets/training", null);
            }
        } finally {
            if (standIn != null) standIn.stop(0);
            app.destroy();
            if (!app.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                app.destroyForcibly();
                fail("the app did not stop within " + STOP.toSeconds() + " s", log);
            }
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) fail("the JVM wrote no cache at " + cache, log);
        System.out.printf("[aot] %s: %d MB%n", cache, Files.size(cache) >> 20);
    }

    /** Answers every request with JSON: a large answer to a search, a small one to anything else. */
    static HttpServer standIn() throws IOException {
        // Without it each answer waited for the app's delayed acknowledgement of its headers (40 ms, Nagle's algorithm).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            byte[] answer = exchange.getRequestURI().getPath().endsWith(":search") ? LARGE_ANSWER : SMALL_ANSWER;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        server.start();
        return server;
    }

    static void proxied(HttpClient http, String url, String json) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer training");
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException notAnswered) {
            // the training goes on: a request that fails still walks most of the path
        }
    }

    static void awaitLive(HttpClient http, Process app, int management, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) fail("the app exited (" + app.exitValue() + ") before it was live", log);
            if (get(http, "http://127.0.0.1:" + management + "/q/health/live") == 200) return;
            Thread.sleep(200);
        }
        fail("the app was not live within " + START.toSeconds() + " s", log);
    }

    /** The status, or -1 when nothing answered: the app may still be starting, or a dependency may be away. */
    static int get(HttpClient http, String url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    static void fail(String why, Path log) throws IOException {
        System.err.println("[aot] training failed: " + why + "; the app's log, " + log + ", ends with:");
        if (Files.exists(log)) {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
        }
        System.exit(1);
    }

    static String required(List<String> options, String name) {
        String value = option(options, name, null);
        if (value == null) {
            System.err.println("[aot] missing " + name + " (see the comment at the top of AotTraining.java)");
            System.exit(2);
        }
        return value;
    }

    static String option(List<String> options, String name, String otherwise) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : otherwise;
    }
}

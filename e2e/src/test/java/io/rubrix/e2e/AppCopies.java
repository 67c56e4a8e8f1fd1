package io.rubrix.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Copies of the apps, started from their built jars beside the running stack (same Elasticsearch, Kafka and Keycloak),
 * on the stack's ports + an offset: a second replica of a service, or apps configured otherwise than the stack's (traces
 * on). Killed with {@code kill -9} when a test says so, and stopped at the end.
 */
final class AppCopies implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** public port, management port, heap */
    private static final Map<String, String[]> APPS = Map.of("ingest-service", new String[] {"8081", "9081", "-Xmx256m"},
            "query-service", new String[] {"8082", "9082", "-Xmx192m"},
            "annotation-service", new String[] {"8083", "9083", "-Xmx192m"},
            "ui", new String[] {"6900", "9900", "-Xmx128m"});

    private final int offset;
    private final Map<String, Map<String, String>> environments;
    private final Map<String, Process> running = new LinkedHashMap<>();

    /** Starts {@code modules}, each with its environment, and waits until every one is ready. */
    AppCopies(int offset, Map<String, Map<String, String>> environments) throws IOException {
        this.offset = offset;
        this.environments = environments;
        try {
            for (String module : environments.keySet()) {
                start(module);
            }
            for (String module : environments.keySet()) {
                awaitReady(module, Duration.ofSeconds(150));
            }
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    int port(String module) {
        return Integer.parseInt(APPS.get(module)[0]) + offset;
    }

    String url(String module) {
        return "http://127.0.0.1:" + port(module);
    }

    /** A copy of the gateway is reached as the browser and the clients reach the stack's: by name, not address. */
    String gateway() {
        return "http://localhost:" + port("ui");
    }

    int managementPort(String module) {
        return Integer.parseInt(APPS.get(module)[1]) + offset;
    }

    /** Its process id, for {@code kill -9}. */
    Process process(String module) {
        return running.get(module);
    }

    /** {@code kill -9}: no shutdown hook runs, no lease is released, no consumer leaves its group. */
    void kill(String module) throws InterruptedException {
        Process process = running.remove(module);
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts it again (after {@link #kill}) and waits until it is ready. */
    void restart(String module) throws IOException {
        start(module);
        awaitReady(module, Duration.ofSeconds(150));
    }

    private void start(String module) throws IOException {
        Path jar = ROOT.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the apps first (mvn package)");
        }
        Map<String, String> environment = new LinkedHashMap<>(environments.get(module));
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port(module)));
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort(module)));
        Path log = Files.createDirectories(ROOT.resolve("e2e/target/app-copies")).resolve(module + "-" + offset + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", APPS.get(module)[2], "-jar", jar.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        running.put(module, builder.start());
    }

    private void awaitReady(String module, Duration within) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort(module) + "/q/health/ready");
        Instant deadline = Instant.now().plus(within);
        Path log = ROOT.resolve("e2e/target/app-copies/" + module + "-" + offset + ".log");
        while (true) {
            if (!running.get(module).isAlive()) {
                throw new IllegalStateException(module + " exited: " + tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(module + " not ready in " + within + ": " + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running.values().forEach(Process::destroy);
        for (Process process : running.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        running.clear();
    }
}

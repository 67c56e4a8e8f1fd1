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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second copy of the four apps, started from their built jars beside the running stack (same Elasticsearch, Kafka
 * and Keycloak, ports + {@link #OFFSET}), with traces on and sent to {@code endpoint}: the stack itself runs without
 * traces (their default), and this test must not depend on how it was started.
 */
final class TracedApps implements AutoCloseable {

    static final int OFFSET = 20000;
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** module, public port, management port, heap */
    private static final List<String[]> APPS = List.of(new String[] {"ingest-service", "8081", "9081", "-Xmx256m"},
            new String[] {"query-service", "8082", "9082", "-Xmx192m"},
            new String[] {"annotation-service", "8083", "9083", "-Xmx192m"},
            new String[] {"ui", "6900", "9900", "-Xmx128m"});

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /** Starts them, {@code ingest} added to ingest-service's environment, and waits until each is ready. */
    TracedApps(String endpoint, Map<String, String> ingest) throws IOException {
        Path logDir = Files.createDirectories(ROOT.resolve("e2e/target/traced-apps"));
        for (String[] app : APPS) {
            Path jar = ROOT.resolve(app[0] + "/target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build the apps first (mvn package)");
            }
            Map<String, String> environment = new LinkedHashMap<>(app[0].equals("ingest-service") ? ingest : Map.of());
            environment.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            environment.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint);
            environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port(app[1])));
            environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(port(app[2])));
            environment.put("RUBRIX_GATEWAY_INGEST_URL", "http://127.0.0.1:" + port("8081"));
            environment.put("RUBRIX_GATEWAY_QUERY_URL", "http://127.0.0.1:" + port("8082"));
            environment.put("RUBRIX_GATEWAY_ANNOTATION_URL", "http://127.0.0.1:" + port("8083"));
            Path log = logDir.resolve(app[0] + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", app[3], "-jar", jar.toString())
                    .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            processes.add(builder.start());
            logs.add(log);
        }
        try {
            awaitReady(Duration.ofSeconds(150));
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    static int port(String stackPort) {
        return Integer.parseInt(stackPort) + OFFSET;
    }

    /** The traced gateway. */
    static String gateway() {
        return "http://localhost:" + port("6900");
    }

    private void awaitReady(Duration within) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(within);
        for (int i = 0; i < APPS.size(); i++) {
            URI ready = URI.create("http://127.0.0.1:" + port(APPS.get(i)[2]) + "/q/health/ready");
            while (true) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException(APPS.get(i)[0] + " exited: " + tail(logs.get(i)));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(APPS.get(i)[0] + " not ready in " + within + ": " + tail(logs.get(i)));
                }
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ready).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        break;
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
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

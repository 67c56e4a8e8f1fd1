package io.rubrix.ingest.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rubrix.common.testing.ElasticsearchTestClient;

/**
 * An HTTP proxy between the service and the test Elasticsearch that forwards every request, except the one a
 * test names next ({@link #refuseOnce}), which it answers 503 as Elasticsearch does when no shard is available.
 */
public class RefusingElasticsearchResource implements QuarkusTestResourceLifecycleManager {

    static volatile String refused; // "METHOD /path" that is refused once
    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target = "http://" + ElasticsearchTestClient.address();

    /** The next request with this method and path gets a 503 instead of reaching Elasticsearch. */
    static void refuseOnce(String method, String path) {
        refused = method + " " + path;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        return Map.of("quarkus.elasticsearch.hosts", "127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ((method + " " + exchange.getRequestURI().getRawPath()).equals(refused)) {
                refused = null;
                answer(exchange, 503, "application/json", ("{\"error\":{\"type\":\"unavailable_shards_exception\","
                        + "\"reason\":\"refused by the test\"},\"status\":503}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    "HEAD".equals(method) ? new byte[0] : response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

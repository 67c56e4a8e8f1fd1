package io.rubrix.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

/**
 * Direct access to the test Elasticsearch, to arrange state and to check what a service really wrote,
 * without going through the service under test.
 */
public final class ElasticsearchTestClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = RubrixJson.newMapper();
    private final String base;

    private ElasticsearchTestClient(String base) {
        this.base = base;
    }

    /** The test Elasticsearch itself (system property {@code rubrix.test.elasticsearch}), never a proxy to it. */
    public static ElasticsearchTestClient fromConfig() {
        return new ElasticsearchTestClient("http://" + address());
    }

    public static String address() {
        return System.getProperty("rubrix.test.elasticsearch", "127.0.0.1:9200");
    }

    /**
     * Deletes every index matching {@code pattern} (e.g. {@code rubrix-test-ingest.*}). Elasticsearch refuses
     * wildcard deletes ({@code action.destructive_requires_name}), so the names are resolved first.
     */
    public void deleteIndices(String pattern) {
        JsonNode indices = send("GET", "/" + pattern + "/_settings?allow_no_indices=true&expand_wildcards=all", null);
        java.util.List<String> names = new java.util.ArrayList<>();
        indices.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            send("DELETE", "/" + String.join(",", names), null);
        }
    }

    public long count(String index) {
        send("POST", "/" + index + "/_refresh", null);
        return send("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    /** Count without refreshing first: what a search sees right now. */
    public long visibleCount(String index) {
        return send("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    /** The stored document, or a missing node. */
    public JsonNode source(String index, String id) {
        return send("GET", "/" + index + "/_doc/" + id, null).path("_source");
    }

    public JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, publisher).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

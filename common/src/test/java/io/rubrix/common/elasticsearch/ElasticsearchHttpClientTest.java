package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.rubrix.common.testing.TestElasticsearch;

/**
 * The Elasticsearch client without Apache's auth cache still sends a cluster's credentials with the first request
 * (no 401 challenge first), and nothing where there are none.
 */
class ElasticsearchHttpClientTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer cluster;

    @BeforeEach
    void aClusterThatAnswersEverything() throws IOException {
        cluster = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cluster.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        cluster.start();
    }

    @AfterEach
    void stop() {
        cluster.stop(0);
    }

    @Test
    void credentialsGoWithEveryRequestFromTheFirst() throws IOException {
        try (RestClient client = client(Optional.of("elastic"), Optional.of("s3cret"))) {
            client.performRequest(new Request("GET", "/_cluster/health"));
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).containsExactly(basic, basic);
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws IOException {
        try (RestClient client = client(Optional.empty(), Optional.empty())) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
        assertThat(authorizations).containsExactly("null");
    }

    private RestClient client(Optional<String> username, Optional<String> password) {
        String host = "127.0.0.1:" + cluster.getAddress().getPort();
        return RestClient.builder(new HttpHost("127.0.0.1", cluster.getAddress().getPort()))
                .setHttpClientConfigCallback(new ElasticsearchHttpClient(
                        new TestElasticsearch.Connection(List.of(host), username, password))).build();
    }
}

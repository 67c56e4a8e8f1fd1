package io.rubrix.common.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchConnection;
import io.rubrix.common.elasticsearch.ElasticsearchHttpClient;
import io.rubrix.common.elasticsearch.EventLoopRequests;
import io.rubrix.model.json.RubrixJson;
import io.vertx.core.Vertx;

/**
 * An {@link Elasticsearch} at {@code host:port} built as the services build it (the REST client, and requests from
 * the event loops of {@code vertx}), for tests outside Quarkus. Close it to close its REST client.
 */
public record TestElasticsearch(Elasticsearch elasticsearch, RestClient restClient) implements AutoCloseable {

    public static TestElasticsearch at(Vertx vertx, String host) {
        return at(vertx, host, Optional.empty(), Optional.empty());
    }

    public static TestElasticsearch at(Vertx vertx, String host, Optional<String> username, Optional<String> password) {
        return at(vertx, List.of(host), username, password);
    }

    /** A client of several hosts ({@code host:port}), each request to the next. */
    public static TestElasticsearch at(Vertx vertx, List<String> hosts, Optional<String> username,
            Optional<String> password) {
        Connection connection = new Connection(hosts, username, password);
        RestClient restClient = RestClient.builder(hosts.stream().map(host -> host.split(":"))
                .map(address -> new HttpHost(address[0], Integer.parseInt(address[1]))).toArray(HttpHost[]::new))
                .setHttpClientConfigCallback(new ElasticsearchHttpClient(connection)).build();
        EventLoopRequests eventLoop = new EventLoopRequests(vertx, connection);
        return new TestElasticsearch(new Elasticsearch(restClient, eventLoop, RubrixJson.newMapper()), restClient);
    }

    @Override
    public void close() throws IOException {
        restClient.close();
    }

    /** A connection as the services configure theirs ({@code quarkus.elasticsearch.*}). */
    public record Connection(List<String> hosts, Optional<String> username, Optional<String> password)
            implements ElasticsearchConnection {

        @Override
        public String protocol() {
            return "http";
        }

        @Override
        public Duration connectionTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration socketTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int maxConnectionsPerRoute() {
            return 10;
        }
    }
}

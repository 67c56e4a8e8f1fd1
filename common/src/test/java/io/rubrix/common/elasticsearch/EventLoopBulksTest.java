package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TcpProxy;
import io.rubrix.common.testing.TestElasticsearch;
import io.rubrix.model.json.RubrixJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** {@link Elasticsearch#bulk} from an event loop, against the test Elasticsearch (and a proxy that can cut it). */
class EventLoopBulksTest {

    private static final String INDEX = "rubrix-test-common.event-loop-bulks";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private Vertx vertx;
    private TcpProxy proxy;
    private TestElasticsearch client;
    private Elasticsearch elasticsearch;

    @BeforeEach
    void start() {
        es.deleteIndices(INDEX + "*");
        vertx = Vertx.vertx();
        String[] target = ElasticsearchTestClient.address().split(":");
        proxy = new TcpProxy(target[0], Integer.parseInt(target[1])).start();
        elasticsearch = elasticsearchAt("127.0.0.1:" + proxy.port(), Optional.empty(), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        proxy.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        es.deleteIndices(INDEX + "*");
    }

    @Test
    void aBulkSentFromAnEventLoopIsIndexedAndAnsweredOnThatEventLoop() throws Exception {
        CompletableFuture<String> caller = new CompletableFuture<>();
        CompletableFuture<String> answeredOn = new CompletableFuture<>();
        BulkAnswer answer = onEventLoop(() -> {
            caller.complete(Thread.currentThread().getName());
            return elasticsearch.bulk(twoDocuments(), Map.of("refresh", "true"))
                    .invoke(() -> answeredOn.complete(Thread.currentThread().getName()));
        });

        assertThat(answer.errors()).isFalse();
        assertThat(answeredOn.get()).isEqualTo(caller.get()).startsWith("vert.x-eventloop");
        assertThat(es.count(INDEX)).isEqualTo(2);
        assertThat(es.source(INDEX, "2").path("text").asText()).isEqualTo("two");
    }

    @Test
    void itemsThatElasticsearchRefusesAreInTheAnswer() throws Exception {
        NdjsonBody body = twoDocuments();
        body.action(json, "create", INDEX, "1").line(json, Map.of("text", "again"));

        BulkAnswer answer = onEventLoop(() -> elasticsearch.bulk(body, Map.of()));

        assertThat(answer.errors()).isTrue();
        assertThat(answer.items()).extracting(item -> item.path("status").asInt()).containsExactly(201, 201, 409);
        assertThat(answer.items().get(2).at("/error/type").asText()).isEqualTo("version_conflict_engine_exception");
    }

    @Test
    void aRequestThatElasticsearchRefusesFailsWithItsStatusAndReason() {
        NdjsonBody malformed = new NdjsonBody().line(json, Map.of("frobnicate", Map.of("_index", INDEX)));

        assertThatThrownBy(() -> onEventLoop(() -> elasticsearch.bulk(malformed, Map.of())))
                .isInstanceOfSatisfying(ElasticsearchException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.getMessage()).startsWith("POST /_bulk answered 400: ").contains("frobnicate");
                    assertThat(refused.errorType()).isNotEmpty();
                });
    }

    @Test
    void anUnreachableClusterIs503() {
        proxy.cut();

        assertThatThrownBy(() -> onEventLoop(() -> elasticsearch.bulk(twoDocuments(), Map.of())))
                .isInstanceOfSatisfying(StorageUnavailable.class, unavailable -> {
                    assertThat(unavailable.getMessage()).contains("Elasticsearch is unreachable");
                    assertThat(unavailable.detail()).isEqualTo("Elasticsearch is unavailable; retry shortly");
                    assertThat(StorageUnavailable.retryLater(unavailable)).isTrue();
                });
    }

    @Test
    void bulksGoToTheOtherHostWhileOneTakesNoConnectionAndNoneIsLost() throws Exception {
        String[] target = ElasticsearchTestClient.address().split(":");
        try (TcpProxy other = new TcpProxy(target[0], Integer.parseInt(target[1])).start()) {
            client.close();
            elasticsearch = elasticsearchAt(List.of("127.0.0.1:" + proxy.port(), "127.0.0.1:" + other.port()));
            proxy.cut();

            for (int i = 0; i < 6; i++) {
                NdjsonBody body = new NdjsonBody().action(json, "create", INDEX, "doc-" + i).line(json, Map.of("n", i));
                assertThat(onEventLoop(() -> elasticsearch.bulk(body, Map.of())).errors()).as("bulk %d", i).isFalse();
            }
            proxy.restore();
            int before = proxy.accepted();
            for (int i = 6; i < 10; i++) {
                NdjsonBody body = new NdjsonBody().action(json, "create", INDEX, "doc-" + i).line(json, Map.of("n", i));
                assertThat(onEventLoop(() -> elasticsearch.bulk(body, Map.of("refresh", "true"))).errors()).isFalse();
            }

            assertThat(es.count(INDEX)).isEqualTo(10);
            assertThat(proxy.accepted() - before).as("connections to the host left out, back within its pause").isZero();
            assertThat(other.accepted()).isPositive();
        }
    }

    @Test
    void aBulkSentFromAnotherThreadGoesThroughTheRestClientWithTheSameAnswer() {
        BulkAnswer answer = elasticsearch.bulk(twoDocuments(), Map.of("refresh", "true")).await().atMost(Duration.ofSeconds(30));

        assertThat(answer.errors()).isFalse();
        assertThat(es.count(INDEX)).isEqualTo(2);
    }

    @Test
    void configuredCredentialsAreSentAsBasicAuthentication() throws Exception {
        CompletableFuture<String> authorization = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            authorization.complete(request.getHeader("Authorization"));
            request.response().putHeader("Content-Type", "application/json").end("{\"errors\":false,\"items\":[]}");
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close();
        elasticsearch = elasticsearchAt("127.0.0.1:" + server.actualPort(), Optional.of("elastic"), Optional.of("s3cret"));

        BulkAnswer answer = onEventLoop(() -> elasticsearch.bulk(twoDocuments(), Map.of()));

        assertThat(answer.errors()).isFalse();
        assertThat(authorization.get(10, TimeUnit.SECONDS)).isEqualTo("Basic ZWxhc3RpYzpzM2NyZXQ="); // elastic:s3cret
        server.close();
    }

    private Elasticsearch elasticsearchAt(String host, Optional<String> username, Optional<String> password) {
        client = TestElasticsearch.at(vertx, host, username, password);
        return client.elasticsearch();
    }

    private Elasticsearch elasticsearchAt(List<String> hosts) {
        client = TestElasticsearch.at(vertx, hosts, Optional.empty(), Optional.empty());
        return client.elasticsearch();
    }

    private NdjsonBody twoDocuments() {
        return new NdjsonBody()
                .action(json, "create", INDEX, "1").line(json, Map.of("text", "one"))
                .action(json, "create", INDEX, "2").line(json, Map.of("text", "two"));
    }

    /** Runs {@code work} on an event loop of {@code vertx} and waits for its item, or throws its failure. */
    private <T> T onEventLoop(Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}

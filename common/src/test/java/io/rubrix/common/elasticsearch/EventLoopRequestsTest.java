package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TcpProxy;
import io.rubrix.common.testing.TestElasticsearch;
import io.rubrix.model.json.RubrixJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Requests sent from an event loop ({@link EventLoopRequests}): bulks and every other request, against the test
 * Elasticsearch (and a proxy that can cut it), answered as the REST client answers them from other threads.
 */
class EventLoopRequestsTest {

    private static final String INDEX = "rubrix-test-common.event-loop-requests";
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

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
    void requestsFromAnEventLoopDoNotNeedTheRestClientAndAreAnsweredOnThatEventLoop() throws Exception {
        onEventLoop(() -> elasticsearch.bulk(twoDocuments(), Map.of("refresh", "true")));
        client.restClient().close();
        CompletableFuture<String> caller = new CompletableFuture<>();
        CompletableFuture<String> answeredOn = new CompletableFuture<>();

        JsonNode found = onEventLoop(() -> {
            caller.complete(Thread.currentThread().getName());
            Map<String, Object> search = Map.of("query", Map.of("match", Map.of("text", "two")));
            return elasticsearch.send("POST", "/" + INDEX + "/_search", search)
                    .invoke(() -> answeredOn.complete(Thread.currentThread().getName()));
        });
        JsonNode document = onEventLoop(() -> elasticsearch.get("/" + INDEX + "/_doc/1"));

        assertThat(found.at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(found.at("/hits/hits/0/_source/text").asText()).isEqualTo("two");
        assertThat(answeredOn.get()).isEqualTo(caller.get()).startsWith("vert.x-eventloop");
        assertThat(document.at("/_source/text").asText()).isEqualTo("one");
        assertThatThrownBy(() -> elasticsearch.get("/" + INDEX + "/_doc/1").await().atMost(TEN_SECONDS))
                .as("from another thread, through the REST client, closed").isNotNull();
    }

    @Test
    void aRefusalFromAnEventLoopFailsAsTheRestClientsDoes() throws Exception {
        onEventLoop(() -> elasticsearch.bulk(twoDocuments(), Map.of("refresh", "true")));
        String missing = "/" + INDEX + "/_doc/nope";
        Map<String, Object> unknownField = Map.of("query", Map.of("frobnicate", Map.of()));

        Throwable fromRestClient = catchThrowable(() -> elasticsearch.get(missing).await().atMost(TEN_SECONDS));
        Throwable fromEventLoop = catchThrowable(() -> onEventLoop(() -> elasticsearch.get(missing)));
        Throwable badSearch = catchThrowable(() -> onEventLoop(
                () -> elasticsearch.sendForBytes("POST", "/" + INDEX + "/_search", unknownField, Map.of())));

        assertThat(fromEventLoop).isInstanceOfSatisfying(ElasticsearchException.class, refused -> {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.body().path("found").asBoolean(true)).isFalse();
            assertThat(refused.getMessage()).isEqualTo(fromRestClient.getMessage())
                    .isEqualTo("GET " + missing + " answered 404: ");
        });
        assertThat(badSearch).isInstanceOfSatisfying(ElasticsearchException.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.getMessage()).startsWith("POST /" + INDEX + "/_search answered 400: ")
                    .contains("frobnicate");
        });
    }

    @Test
    void anIndexExistsOrNotFromAnEventLoop() throws Exception {
        onEventLoop(() -> elasticsearch.bulk(twoDocuments(), Map.of("refresh", "true")));

        assertThat(onEventLoop(() -> elasticsearch.exists("/" + INDEX))).isTrue();
        assertThat(onEventLoop(() -> elasticsearch.exists("/" + INDEX + "-none"))).isFalse();
    }

    @Test
    void anAnswerOfManyChunksComesWholeAndTheSameAsTheRestClientReadsIt() throws Exception {
        String text = "0123456789abcdef".repeat(40_000); // 640 kB: many chunks
        NdjsonBody body = new NdjsonBody().action(json, "create", INDEX, "big").line(json, Map.of("text", text));
        onEventLoop(() -> elasticsearch.bulk(body, Map.of("refresh", "true")));
        String path = "/" + INDEX + "/_doc/big";

        byte[] fromEventLoop = onEventLoop(() -> elasticsearch.sendForBytes("GET", path, null, Map.of()));
        byte[] fromRestClient = elasticsearch.sendForBytes("GET", path, null, Map.of()).await().atMost(TEN_SECONDS);

        assertThat(fromEventLoop).isEqualTo(fromRestClient);
        assertThat(json.readTree(fromEventLoop).at("/_source/text").asText()).isEqualTo(text);
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

package io.rubrix.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.testing.TestElasticsearch;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A descriptor read while the datasets index's shard starts. Elasticsearch here is an HTTP server that answers as
 * Elasticsearch does then ("no shard available" for the document): the real one answers so only for a moment, by chance.
 */
class DatasetStoreTest {

    /** How a descriptor read ({@code _mget}, read with others) answers then: the document failed, not the request. */
    private static final String NO_SHARD = "{\"docs\":[{\"_index\":\"rubrix-test.datasets\",\"_id\":\"team-a.news\","
            + "\"error\":{\"type\":\"no_shard_available_action_exception\",\"reason\":\"No shard available\"}}]}";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final AtomicInteger unavailableLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private Vertx vertx;
    private TestElasticsearch client;
    private DatasetStore store;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Dataset stored = Dataset.create("team-a", "news", Task.TextClassification, "model", Map.of(), Map.of(),
                Instant.parse("2026-11-29T10:00:00Z"));
        String found = json.writeValueAsString(Map.of("docs", java.util.List.of(
                Map.of("_id", "team-a.news", "found", true, "_source", stored))));
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            boolean unavailable = unavailableLeft.getAndDecrement() > 0;
            request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(unavailable ? NO_SHARD : found);
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = TestElasticsearch.at(vertx, "127.0.0.1:" + server.actualPort());
        store = new DatasetStore(client.elasticsearch(), new IndexLayout("rubrix-test"), json);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDescriptorReadWhileItsShardStartsIsReadAgain() {
        unavailableLeft.set(2);

        Optional<Dataset> found = store.find("team-a", "news").await().atMost(Duration.ofSeconds(10));

        assertThat(found).hasValueSatisfying(dataset -> {
            assertThat(dataset.name()).isEqualTo("news");
            assertThat(dataset.task()).isEqualTo(Task.TextClassification);
        });
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aShardThatNeverStartsFailsTheReadWithTheRefusal() {
        unavailableLeft.set(100);

        assertThatThrownBy(() -> store.find("team-a", "news").await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ElasticsearchException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).contains("No shard available");
                });
        assertThat(requests.get()).isEqualTo(6);
    }
}

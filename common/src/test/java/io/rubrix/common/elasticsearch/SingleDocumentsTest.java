package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestElasticsearch;
import io.rubrix.model.record.RecordVersion;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * One-document reads and writes sent together ({@link Elasticsearch#document}, {@link Elasticsearch#write}) against
 * the test Elasticsearch: each caller gets what its single get or write would have answered.
 */
class SingleDocumentsTest {

    private static final String INDEX = "rubrix-test-common.single-documents";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private Vertx vertx;
    private TestElasticsearch client;

    @BeforeEach
    void start() {
        es.deleteIndices(INDEX + "*");
        vertx = Vertx.vertx();
        client = TestElasticsearch.at(vertx, ElasticsearchTestClient.address());
        es.send("PUT", "/" + INDEX + "/_doc/kept?refresh=true", Map.of("text", "kept"));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        es.deleteIndices(INDEX + "*");
    }

    @Test
    void writesSentTogetherEachGetTheirOwnVersionOrRefusal() throws Exception {
        Elasticsearch elasticsearch = client.elasticsearch();
        RecordVersion kept = RecordVersion.of(es.send("GET", "/" + INDEX + "/_doc/kept", null));
        RecordVersion stale = new RecordVersion(kept.primaryTerm(), kept.seqNo() + 100);

        List<Object> outcomes = onEventLoop(List.of(
                elasticsearch.write(DocumentWrite.over(INDEX, "kept", "{\"text\":\"changed\"}", kept)),
                elasticsearch.write(DocumentWrite.over(INDEX, "kept", Map.of("text", "lost"), stale)),
                elasticsearch.write(DocumentWrite.create(INDEX, "new-one", Map.of("text", "new"))),
                elasticsearch.write(DocumentWrite.index(INDEX, "plain", "{\"text\":\"line\\nbreak\"}"))));

        JsonNode written = (JsonNode) outcomes.get(0);
        assertThat(RecordVersion.of(written).seqNo()).isGreaterThan(kept.seqNo());
        assertThat(written.path("result").asText()).isEqualTo("updated");
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ElasticsearchException.class, refused -> {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(ElasticsearchException.conflict(refused)).isTrue();
            assertThat(refused.errorType()).isEqualTo("version_conflict_engine_exception");
            assertThat(refused.getMessage()).startsWith("PUT /" + INDEX + "/_doc/kept answered 409: ");
        });
        assertThat(((JsonNode) outcomes.get(2)).path("result").asText()).isEqualTo("created");
        assertThat(es.source(INDEX, "kept").path("text").asText()).isEqualTo("changed");
        assertThat(es.source(INDEX, "new-one").path("text").asText()).isEqualTo("new");
        assertThat(es.source(INDEX, "plain").path("text").asText()).isEqualTo("line\nbreak");

        Object again = onEventLoop(List.of(elasticsearch.write(DocumentWrite.create(INDEX, "new-one", Map.of())))).get(0);
        assertThat(again).isInstanceOfSatisfying(ElasticsearchException.class,
                refused -> assertThat(refused.status()).isEqualTo(409));
    }

    @Test
    void readsSentTogetherAnswerAsGetsDoIncludingTheir404s() throws Exception {
        Elasticsearch elasticsearch = client.elasticsearch();

        es.send("PUT", "/" + INDEX + ".closed/_doc/kept?refresh=true", Map.of("text", "kept"));
        es.send("POST", "/" + INDEX + ".closed/_close", null);

        List<Object> outcomes = onEventLoop(List.of(
                elasticsearch.document(INDEX, "kept"),
                elasticsearch.document(INDEX, "missing"),
                elasticsearch.document(INDEX + ".nothing-here", "kept"),
                elasticsearch.document(INDEX + ".closed", "kept")));

        JsonNode kept = (JsonNode) outcomes.get(0);
        assertThat(kept.path("_source").path("text").asText()).isEqualTo("kept");
        assertThat(kept.path("_seq_no").isNumber()).isTrue();
        assertThat(kept.path("_primary_term").asLong()).isPositive();
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ElasticsearchException.class, missing -> {
            assertThat(ElasticsearchException.notFound(missing)).isTrue();
            assertThat(missing.getMessage()).startsWith("GET /" + INDEX + "/_doc/missing answered 404");
        });
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(ElasticsearchException.class, noIndex -> {
            assertThat(noIndex.status()).isEqualTo(404);
            assertThat(noIndex.errorType()).isEqualTo("index_not_found_exception");
        });
        assertThat(outcomes.get(3)).isInstanceOfSatisfying(ElasticsearchException.class, closed -> {
            assertThat(closed.status()).as("as a get of a closed index answers").isEqualTo(400);
            assertThat(closed.errorType()).isEqualTo("index_closed_exception");
        });
    }

    /** Subscribes to each on one event loop task (so they share a request); each one's item or failure. */
    private List<Object> onEventLoop(List<Uni<JsonNode>> unis) throws Exception {
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        vertx.runOnContext(ignored -> Uni.join().all(unis.stream()
                        .map(uni -> uni.<Object>map(item -> item).onFailure().recoverWithItem(failure -> failure))
                        .toList()).andFailFast()
                .subscribe().with(result::complete, result::completeExceptionally));
        return result.get(30, TimeUnit.SECONDS);
    }
}

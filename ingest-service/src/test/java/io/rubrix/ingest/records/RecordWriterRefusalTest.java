package io.rubrix.ingest.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.common.testing.TestElasticsearch;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A bulk that Elasticsearch refuses as a whole for now (429) is sent again. Elasticsearch here is an HTTP server
 * that answers as Elasticsearch does when it sheds load: the real one cannot be made to refuse on demand.
 */
class RecordWriterRefusalTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private Vertx vertx;
    private HttpServer server;
    private TestElasticsearch client;
    private RecordWriter writer;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            bodies.add(body.toString());
            if (refusalsLeft.getAndDecrement() > 0) {
                request.response().setStatusCode(429).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected\"},\"status\":429}");
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"took\":1,\"errors\":false,\"items\":[{\"create\":{\"_id\":\"1\",\"status\":201}}]}");
            }
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = TestElasticsearch.at(vertx, "127.0.0.1:" + server.actualPort());
        writer = new RecordWriter(new RecordsIndex(client.elasticsearch(), new IndexLayout("rubrix"), json), json,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBulkRefusedAsAWholeForNowIsSentAgain() throws Exception {
        refusalsLeft.set(2);

        List<WriteFailure> failures = write();

        assertThat(failures).isEmpty();
        assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(body)
                .startsWith("{\"create\":{\"_index\":\"records\",\"_id\":\"1\"}}\n").contains("\"text\":\"one\""));
    }

    @Test
    void aBulkRefusedEveryTimeFailsWithTheRefusal() {
        refusalsLeft.set(100);

        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return write();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).failsWithin(Duration.ofSeconds(30)).withThrowableThat().withMessageContaining("answered 429: rejected");
        assertThat(bodies).hasSize(RecordWriter.MAX_ATTEMPTS);
    }

    private List<WriteFailure> write() throws Exception {
        TaskRecord record = json.readValue("{\"id\":\"1\",\"inputs\":{\"text\":\"one\"}}", TextClassificationRecord.class);
        CompletableFuture<List<WriteFailure>> written = new CompletableFuture<>();
        vertx.runOnContext(ignored -> writer.write("records", Task.TextClassification, List.of(record), false)
                .subscribe().with(written::complete, written::completeExceptionally));
        try {
            return written.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}

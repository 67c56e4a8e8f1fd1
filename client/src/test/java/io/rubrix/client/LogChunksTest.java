package io.rubrix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.rubrix.model.record.text.TextClassificationRecord;

/**
 * The client's own logic, against a small local HTTP server that records what it receives: chunking, progress,
 * ids given before sending, refused records' indices in the whole sequence, errors that are not retried, and a lost
 * connection that is.
 * (Against the real stack: e2e/ClientAgainstTheStackTest.)
 */
class LogChunksTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int refuseWithStatus;
    private volatile int closeWithoutAnswer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsChunksOfTheChosenSizeTellsProgressAndGivesEveryRecordAnId() {
        List<long[]> progress = new ArrayList<>();
        LogSummary summary = client().log(records(1_234), "news",
                LogOptions.DEFAULT.withChunkSize(500).withProgress((done, total) -> progress.add(new long[] {done, total}), -1));

        assertThat(received).hasSize(3);
        assertThat(received).extracting(body -> body.path("records").size()).containsExactly(500, 500, 234);
        assertThat(paths).containsOnly("/api/datasets/news/TextClassification:bulk");
        assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("500/1234", "1000/1234", "1234/1234");
        received.forEach(body -> body.path("records").forEach(record -> assertThat(record.path("id").asText()).isNotBlank()));
        assertThat(summary.processed()).isEqualTo(1_234 - 3);
        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.errors()).extracting(e -> e.index() + " " + e.field())
                .containsExactly("1 inputs", "501 inputs", "1001 inputs");
    }

    @Test
    void aRefusalIsNotRetriedAndSaysWhy() {
        refuseWithStatus = 403;
        assertThatThrownBy(() -> client().log(records(3), "news"))
                .isInstanceOfSatisfying(RubrixException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("role ingest, annotator or admin is required");
                    assertThat(e.problem().path("status").asInt()).isEqualTo(403);
                });
        assertThat(received).hasSize(1);
    }

    @Test
    void aTransientAnswerIsRetriedWithTheSameRecords() {
        refuseWithStatus = 503;
        Rubrix rubrix = client().withRetries(new RetryPolicy(3, java.time.Duration.ofMillis(10)));
        assertThatThrownBy(() -> rubrix.log(records(2), "news")).isInstanceOf(RubrixException.class);
        assertThat(received).hasSize(3);
        assertThat(received.get(2).path("records")).isEqualTo(received.get(0).path("records"));
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsSentAgain() {
        closeWithoutAnswer = 1;
        Rubrix rubrix = client().withRetries(new RetryPolicy(3, java.time.Duration.ofMillis(10)));

        LogSummary summary = rubrix.log(records(2), "news");

        assertThat(received).hasSize(2);
        assertThat(received.get(1).path("records")).isEqualTo(received.get(0).path("records"));
        assertThat(summary.processed()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(1);
    }

    @Test
    void withoutRetriesAClosedConnectionFailsWithTheLostConnectionAsCause() {
        closeWithoutAnswer = 1;
        Rubrix rubrix = client().withRetries(RetryPolicy.NONE);

        assertThatThrownBy(() -> rubrix.log(records(2), "news"))
                .isInstanceOf(RubrixException.class)
                .hasMessageStartingWith("POST http://127.0.0.1:" + server.getAddress().getPort()
                        + "/api/datasets/news/TextClassification:bulk failed: java.io.IOException")
                .hasRootCauseInstanceOf(java.io.EOFException.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void oneLogCallTakesOneTask() {
        var text = records(1).get(0);
        var other = new io.rubrix.model.record.text2text.Text2TextRecord(null, null, null, null, null, null,
                "a text", null, null);
        assertThatThrownBy(() -> client().log(List.of(text, other), "news"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one task");
    }

    private Rubrix client() {
        return Rubrix.init("http://127.0.0.1:" + server.getAddress().getPort(), "a-token");
    }

    private static List<TextClassificationRecord> records(int count) {
        List<TextClassificationRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new TextClassificationRecord(null, Map.of(), null, null, null, null,
                    Map.of("text", "record " + i), false, null, null, null));
        }
        return records;
    }

    /** Like ingest-service: refuses the second record of every chunk (index 1 in the chunk). */
    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        received.add(body);
        paths.add(exchange.getRequestURI().getPath());
        assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer a-token");
        if (closeWithoutAnswer > 0) {
            closeWithoutAnswer--;
            throw new IOException("the server closes the connection without an answer"); // HttpServer does so
        }
        if (refuseWithStatus > 0) {
            respond(exchange, refuseWithStatus, "{\"title\":\"Forbidden\",\"status\":" + refuseWithStatus
                    + ",\"detail\":\"role ingest, annotator or admin is required\"}");
            return;
        }
        int size = body.path("records").size();
        respond(exchange, 200, "{\"dataset\":\"news\",\"processed\":" + (size - 1) + ",\"failed\":1,\"errors\":"
                + "[{\"index\":1,\"id\":\"x\",\"field\":\"inputs\",\"reason\":\"bad\"}]}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

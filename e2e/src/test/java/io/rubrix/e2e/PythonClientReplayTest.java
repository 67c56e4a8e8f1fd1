package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The session of the README's Python example, replayed request by request as the {@code rubrix} 0.x client
 * sends it (its generated httpx client: paths and bodies of Rubrix v0.1's OpenAPI document, {@code Authorization:
 * Bearer <api_key>}, httpx's default headers), through the gateway. Each request body is checked against the
 * document's request schema (so the replay is faithful) and each answer against its response schema, NDJSON lines
 * included, record by record.
 *
 * <pre>
 * rb.init(api_url="http://localhost:6900", api_key=token)   GET /api/me
 * rb.log(records, name="...")                               POST /api/datasets/{name}/TextClassification:bulk
 * rb.load(name="...")                                       GET /api/datasets/{name}; POST .../TextClassification/data
 * rb.snapshots(name="...")                                  GET /api/datasets/{name}/snapshots
 * rb.load(name="...", snapshot=id)                          GET .../snapshots/{id}; GET .../snapshots/{id}/data
 * rb.delete(name="...")                                     DELETE /api/datasets/{name}
 * </pre>
 * and, beyond the README's session, what the client's API module sends for page 2 of a search and for the list of
 * datasets, with a Text2Text dataset in the workspace.
 */
class PythonClientReplayTest {

    static final OpenApiSchemas SPEC = OpenApiSchemas.rubrixReference();
    static final String NAME = "e2e-python-" + Long.toString(System.currentTimeMillis(), 36);
    static final String TEXT_RECORDS = """
            {"tags": {"model": "distilbert"}, "metadata": {"notebook": "sentiment.ipynb"}, "records": [
              {"inputs": {"text": "I love this film"}, "id": 1, "metadata": {"split": "train"},
               "prediction": {"agent": "ana", "labels": [{"class": "positive", "confidence": 0.93},
                                                          {"class": "negative", "confidence": 0.07}]},
               "annotation": {"agent": "ana", "labels": [{"class": "positive", "confidence": 1.0}]},
               "multi_label": false, "status": "Validated", "event_timestamp": "2021-05-10T10:20:30.123456",
               "explanation": {"text": [{"token": "love", "attributions": {"positive": 0.8, "negative": -0.2}}]}},
              {"inputs": {"text": "A dull, long evening"}, "id": 2, "metadata": {"split": "test"},
               "prediction": {"agent": "ana", "labels": [{"class": "negative", "confidence": 0.71}]},
               "multi_label": false, "status": "Default", "event_timestamp": "2021-05-10T10:21:00"},
              {"inputs": {"title": "Budget", "body": "Numbers are up"}, "id": "three",
               "prediction": {"agent": "ana", "labels": [{"class": "positive", "confidence": 0.55}]},
               "multi_label": false, "status": "Default"}
            ]}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String apiKey = Stack.token("ana", "ana-password");
    private final List<String> violations = new ArrayList<>();

    @Test
    void theNotebookSessionOfTheReadmeWorksAsThePythonClientMakesIt() {
        JsonNode me = json(call("GET", "/api/me", null, "GET", "/api/me"));
        assertThat(me.path("username").asText()).isEqualTo("ana");

        JsonNode bulk = json(call("POST", "/api/datasets/" + NAME + "/TextClassification:bulk", TEXT_RECORDS,
                "POST", "/api/datasets/{name}/TextClassification:bulk"));
        assertThat(bulk.path("processed").asInt()).isEqualTo(3);
        assertThat(bulk.path("failed").asInt()).isZero();

        JsonNode dataset = json(call("GET", "/api/datasets/" + NAME, null, "GET", "/api/datasets/{name}"));
        assertThat(dataset.path("task").asText()).isEqualTo("TextClassification");
        List<JsonNode> records = lines(call("POST", "/api/datasets/" + NAME + "/TextClassification/data?limit=1000",
                "{}", "POST", "/api/datasets/{name}/TextClassification/data"), SPEC.schema("TextClassificationRecord"));
        assertThat(records).extracting(r -> r.path("id").asText()).containsExactlyInAnyOrder("1", "2", "three");
        JsonNode first = records.stream().filter(r -> r.path("id").asText().equals("1")).findFirst().orElseThrow();
        assertThat(first.path("annotation").path("labels").path(0).path("class").asText()).isEqualTo("positive");
        assertThat(first.path("event_timestamp").asText()).startsWith("2021-05-10T10:20:30.123456");

        // rb.load(name, ids=[1, "three"]) and rb.load(name, query="...") post the query itself (v0.1's
        // TextClassificationQuery), ids as the user gave them
        List<JsonNode> byIds = lines(call("POST", "/api/datasets/" + NAME + "/TextClassification/data",
                "{\"ids\": [1, \"three\"]}", "POST", "/api/datasets/{name}/TextClassification/data"),
                SPEC.schema("TextClassificationRecord"));
        assertThat(byIds).extracting(r -> r.path("id").asText()).containsExactlyInAnyOrder("1", "three");
        List<JsonNode> byFilter = lines(call("POST", "/api/datasets/" + NAME + "/TextClassification/data",
                "{\"ids\": [1, 2, \"three\"], \"query_text\": \"dull OR numbers\", \"predicted_as\": [\"positive\"]}",
                "POST", "/api/datasets/{name}/TextClassification/data"), SPEC.schema("TextClassificationRecord"));
        assertThat(byFilter).extracting(r -> r.path("id").asText()).containsExactly("three");

        // page 2 of a search: v0.1 answers "aggregations": null past the first page (test_disable_aggregations_when_scroll)
        JsonNode page2 = json(call("POST", "/api/datasets/" + NAME + "/TextClassification:search?from=1&limit=1",
                "{\"query\": {}}", "POST", "/api/datasets/{name}/TextClassification:search"));
        assertThat(page2.path("total").asInt()).isEqualTo(3);
        assertThat(page2.path("records")).hasSize(1);
        assertThat(page2.has("aggregations") && page2.get("aggregations").isNull()).as("aggregations null").isTrue();
        JsonNode page1 = json(call("POST", "/api/datasets/" + NAME + "/TextClassification:search?limit=1",
                "{\"query\": {}}", "POST", "/api/datasets/{name}/TextClassification:search"));
        assertThat(page1.path("aggregations").path("status").path("Validated").asInt()).isEqualTo(1);

        // The list, with a Text2Text dataset in the workspace: every dataset of a v0.1 task is as v0.1 wrote it; the
        // Text2Text one says "Text2Text" (README, "What a v0.1 client gets"), which v0.1's TaskType enum lacks.
        String text2text = NAME + "-t2t";
        send("POST", "/api/datasets/" + text2text + "/Text2Text:bulk", "{\"records\": [{\"id\": 1, \"text\": \"Hello\","
                + " \"prediction\": {\"agent\": \"mt\", \"sentences\": [{\"text\": \"Hola\", \"score\": 0.9}]}}]}", apiKey);
        HttpResponse<byte[]> list = send("GET", "/api/datasets/", null, apiKey);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode own = null;
        JsonNode translations = null;
        for (JsonNode listed : json(list)) {
            own = listed.path("name").asText().equals(NAME) ? listed : own;
            translations = listed.path("name").asText().equals(text2text) ? listed : translations;
            if (!listed.path("task").asText().equals("Text2Text")) {
                SPEC.violations(listed, SPEC.schema("Dataset")).forEach(v -> violations.add("answer /api/datasets/ " + v));
            }
        }
        assertThat(own).as(NAME + " in the list").isNotNull();
        assertThat(translations).as(text2text + " in the list").isNotNull();
        assertThat(SPEC.violations(translations, SPEC.schema("Dataset"))).singleElement().asString()
                .startsWith("$.task: \"Text2Text\" is not one of [\"TextClassification\",\"TokenClassification\",\"TextToText\"");

        JsonNode snapshot = json(call("POST", "/api/datasets/" + NAME + "/snapshots", null,
                "POST", "/api/datasets/{name}/snapshots"));
        String id = snapshot.path("id").asText();
        JsonNode snapshots = json(call("GET", "/api/datasets/" + NAME + "/snapshots", null,
                "GET", "/api/datasets/{name}/snapshots"));
        assertThat(snapshots.findValuesAsText("id")).contains(id);
        json(call("GET", "/api/datasets/" + NAME + "/snapshots/" + id, null, "GET",
                "/api/datasets/{name}/snapshots/{snapshot_id}"));
        List<JsonNode> rows = lines(call("GET", "/api/datasets/" + NAME + "/snapshots/" + id + "/data", null,
                "GET", "/api/datasets/{name}/snapshots/{snapshot_id}/data"), null);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("id").asText()).isEqualTo("1");

        String admin = Stack.token("admin", "admin-password");
        HttpResponse<byte[]> deleted = send("DELETE", "/api/datasets/" + NAME, null, admin);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/datasets/" + NAME, null, apiKey).statusCode()).isEqualTo(404);

        assertThat(violations).as("requests or answers outside Rubrix v0.1's OpenAPI document").isEmpty();
    }

    @Test
    void tokenClassificationRecordsAsTheClientSendsThem() {
        String name = NAME + "-ner";
        String body = """
                {"tags": {}, "metadata": {}, "records": [
                  {"tokens": ["Ada", "Lovelace", "wrote", "programs"], "raw_text": "Ada Lovelace wrote programs",
                   "prediction": {"agent": "spacy", "entities": [{"start": 0, "end": 12, "label": "PER", "score": 0.9}]},
                   "annotation": {"agent": "ana", "entities": [{"start": 0, "end": 12, "label": "PER"}]},
                   "status": "Validated", "id": 7, "metadata": {}, "event_timestamp": "2021-05-10T10:20:30"}]}""";
        JsonNode bulk = json(call("POST", "/api/datasets/" + name + "/TokenClassification:bulk", body,
                "POST", "/api/datasets/{name}/TokenClassification:bulk"));
        assertThat(bulk.path("processed").asInt()).isEqualTo(1);
        List<JsonNode> records = lines(call("POST", "/api/datasets/" + name + "/TokenClassification/data", "{}",
                "POST", "/api/datasets/{name}/TokenClassification/data"), SPEC.schema("TokenClassificationRecord"));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.path("tokens")).hasSize(4);
            assertThat(record.path("annotation").path("entities").path(0).path("label").asText()).isEqualTo("PER");
        });
        assertThat(violations).isEmpty();
    }

    /** Sends one request as the Python client does, checking its body and the 200 answer against the document. */
    private HttpResponse<byte[]> call(String method, String path, String body, String specMethod, String specPath) {
        if (body != null) {
            JsonNode requestSchema = SPEC.operation(specMethod, specPath, "request");
            if (!requestSchema.isMissingNode()) {
                SPEC.violations(Stack.read(body), requestSchema).forEach(v -> violations.add("request " + specPath + " " + v));
            }
        }
        HttpResponse<byte[]> answer = send(method, path, body, apiKey);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + text(answer)).isEqualTo(200);
        JsonNode answerSchema = SPEC.operation(specMethod, specPath, "answer");
        if (!answerSchema.isMissingNode() && answerSchema.size() > 0) {
            SPEC.violations(json(answer), answerSchema).forEach(v -> violations.add("answer " + specPath + " " + v));
        }
        return answer;
    }

    private HttpResponse<byte[]> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path))
                .header("Accept", "*/*").header("Accept-Encoding", "gzip, deflate")
                .header("User-Agent", "python-httpx/0.21.3").header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> lines(HttpResponse<byte[]> answer, JsonNode recordSchema) {
        List<JsonNode> records = new ArrayList<>();
        for (String line : text(answer).split("\n")) {
            if (!line.isBlank()) {
                JsonNode record = Stack.read(line);
                if (recordSchema != null) {
                    SPEC.violations(record, recordSchema).forEach(v -> violations.add("record " + record.path("id") + " " + v));
                }
                records.add(record);
            }
        }
        return records;
    }

    private static JsonNode json(HttpResponse<byte[]> answer) {
        return Stack.read(text(answer));
    }

    /** The body as httpx reads it: decompressed when the server chose gzip. */
    private static String text(HttpResponse<byte[]> answer) {
        byte[] bytes = answer.body();
        if (answer.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

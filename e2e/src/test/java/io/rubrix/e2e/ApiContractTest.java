package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The published contract, generated from the document the gateway serves at {@code /api/docs/openapi.json}: every
 * operation in it is called and answers its documented success, every status it documents for an operation is
 * provoked, and every answer matches the schema documented for that status (problem+json for errors, NDJSON line
 * by line). An operation without a success case here, or a documented status no rule here provokes, fails the test:
 * the document and this test grow together.
 */
class ApiContractTest {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String DATASET = "e2e-contract-" + RUN;
    static final String CLOSED = "e2e-contract-closed-" + RUN;
    static final String TASK = "TextClassification";
    static final String MONITOR = "{\"reference\": {\"kind\": \"preceding\"}, \"window\": \"1h\", \"every\": \"1h\", "
            + "\"measures\": [{\"kind\": \"predicted_labels\"}]}";
    static final String RECORDS = """
            {"records": [
              {"id": 1, "inputs": {"text": "the contract holds"}, "event_timestamp": "2026-11-30T10:00:00Z",
               "prediction": {"agent": "m", "labels": [{"class": "yes", "confidence": 0.8}]}},
              {"id": 2, "inputs": {"text": "the contract breaks"}, "event_timestamp": "2026-11-30T11:00:00Z",
               "prediction": {"agent": "m", "labels": [{"class": "no", "confidence": 0.7}]},
               "annotation": {"agent": "admin", "labels": [{"class": "no"}]}, "status": "Validated"}]}""";

    /**
     * Statuses no request can provoke on a healthy stack, and where they are shown instead. A 503 needs Elasticsearch
     * down or refusing: ProblemMappers turns its 429 and 5xx into it (common's DatasetStoreTest and
     * EventLoopRequestsTest stop or saturate it, the gateway's ApiGatewayTest answers 503 for a service that is down).
     */
    static final Map<Integer, String> SHOWN_ELSEWHERE = Map.of(503, "Elasticsearch unavailable: DatasetStoreTest, ApiGatewayTest");

    static String admin;
    static String snapshot;
    static String job;
    static OpenApiSchemas contract;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void datasetsSnapshotAndJob() {
        admin = Stack.token("admin", "admin-password");
        HttpClient http = HttpClient.newHttpClient();
        for (String name : List.of(DATASET, CLOSED)) {
            assertThat(call(http, "POST", "/api/datasets/" + name + "/" + TASK + ":bulk", admin, RECORDS, Map.of())
                    .statusCode()).isEqualTo(200);
        }
        assertThat(call(http, "PUT", "/api/datasets/" + CLOSED + ":close", admin, null, Map.of()).statusCode())
                .isEqualTo(200);
        snapshot = Stack.read(call(http, "POST", "/api/datasets/" + DATASET + "/snapshots", admin, "{}", Map.of())
                .body()).path("id").asText();
        job = Stack.read(call(http, "POST", "/api/datasets/" + DATASET + "/" + TASK + "/bulk-annotations", admin,
                "{\"ids\": [\"1\"], \"status\": \"Discarded\"}", Map.of()).body()).path("id").asText();
        for (String monitor : List.of("contract-monitor", "contract-monitor-gone")) {
            assertThat(call(http, "PUT", "/api/datasets/" + DATASET + "/" + TASK + "/monitors/" + monitor, admin,
                    MONITOR, Map.of()).statusCode()).isEqualTo(201);
        }
        for (String rule : List.of("contract-rule", "contract-gone")) {
            assertThat(call(http, "PUT", "/api/datasets/" + DATASET + "/" + TASK + "/labeling/rules/" + rule, admin,
                    "{\"query\": \"contract\", \"labels\": [\"yes\"]}", Map.of()).statusCode()).isEqualTo(201);
        }
        assertThat(snapshot).isNotEmpty();
        assertThat(job).isNotEmpty();
        contract = OpenApiSchemas.of(Stack.read(call(http, "GET", "/api/docs/openapi.json", null, null, Map.of()).body()));
    }

    @Test
    void everyOperationAnswersEveryStatusItDocumentsWithTheDocumentedSchema() {
        JsonNode paths = contract.document().path("paths");
        int operations = 0;
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/") || path.getKey().startsWith("/api/docs")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                Operation operation = new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue());
                operations++;
                TreeSet<String> statuses = new TreeSet<>();
                op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
                for (String documented : statuses) {
                    int status = Integer.parseInt(documented);
                    if (SHOWN_ELSEWHERE.containsKey(status)) {
                        continue;
                    }
                    Request request = provoke(operation, status);
                    if (request == null) {
                        failures.add(operation + " documents " + status + " but no rule here provokes it");
                        continue;
                    }
                    checked++;
                    check(operation, status, request);
                }
            }
        }
        assertThat(operations).as("operations in the published document").isGreaterThanOrEqualTo(28);
        assertThat(failures).as(checked + " statuses of " + operations + " operations checked").isEmpty();
    }

    /** A request that makes {@code operation} answer {@code status}, or null when none is known. */
    private Request provoke(Operation operation, int status) {
        String key = operation.key();
        Request success = success(operation);
        if (success == null) {
            return null;
        }
        return switch (status) {
            case 200 -> success;
            case 204 -> key.endsWith("/queue:next") ? success.withName(DATASET + "-answered")
                    .before("/api/datasets/" + DATASET + "-answered/" + TASK + ":bulk", RECORDS)
                    : key.equals("DELETE /api/datasets/{name}/{task}/labeling/rules/{rule}") ? success
                    : key.equals("DELETE /api/datasets/{name}/{task}/monitors/{monitor}") ? success : null;
            case 201 -> key.equals("PUT /api/datasets/{name}/{task}/labeling/rules/{rule}")
                    ? success.withRule("contract-new-" + RUN)
                    : key.equals("PUT /api/datasets/{name}/{task}/monitors/{monitor}")
                    ? success.withMonitor("contract-new-" + RUN) : success;
            case 202 -> key.endsWith("/labeling/rules:apply") ? success
                    : key.endsWith("/bulk-annotations") ? success.withBody("{\"query\": {}, \"status\": \"Discarded\"}")
                    : key.endsWith("/bulk-deletions") ? success.withName(DATASET + "-deletions")
                            .before("/api/datasets/" + DATASET + "-deletions/" + TASK + ":bulk", RECORDS)
                            .withBody("{\"query\": {}}")
                    : null;
            case 400 -> operation.hasBody() ? success.withBody("[]")
                    : operation.path().contains("{task}") ? success.withTask("NoSuchTask")
                    : operation.hasQuery("limit") ? success.withQuery("limit=abc") : null;
            case 401 -> success.as(null);
            case 403 -> !operation.roles().contains("viewer") ? success.as(Stack.token("vic", "vic-password"))
                    : !operation.roles().contains("ingest") ? success.as(Stack.serviceAccountToken(
                            "rubrix-ingest", "rubrix-ingest-dev-secret"))
                    : null;
            case 404 -> operation.path().contains("{name}") ? success.withName("e2e-contract-missing-" + RUN)
                    : key.contains("{id}") ? success.withId("no-such-id-" + RUN) : null;
            case 409 -> key.endsWith("/annotation") || key.endsWith("/review") ? success.withHeader("If-Match", "\"1.0\"")
                    : key.endsWith("/responses/me") || key.endsWith("/responses/me:next")
                            ? success.withHeader("If-Match", "\"99\"") // not the caller's
                    : success.withName(CLOSED);
            case 413 -> operation.hasBody() ? success.overLimit() : null;
            case 422 -> success.withName("Bad*Name");
            case 428 -> success.withoutHeader("If-Match");
            default -> null;
        };
    }

    /** The request that the operation answers with its success status, with the parameters filled in. */
    private Request success(Operation operation) {
        String key = operation.key();
        Request request = new Request(operation, admin).withName(DATASET).withTask(TASK);
        if (key.contains("/snapshots/{id}")) {
            request = request.withId(snapshot);
        } else if (key.contains("/records/{id}")) {
            request = request.withId("2");
        } else if (key.contains("/jobs/{id}")) {
            request = request.withId(job);
        }
        return switch (key) {
            case "GET /api/_info", "GET /api/_status", "GET /api/me", "GET /api/datasets", "GET /api/datasets/{name}",
                    "GET /api/datasets/{name}/snapshots", "GET /api/datasets/{name}/snapshots/{id}",
                    "GET /api/datasets/{name}/snapshots/{id}/data", "GET /api/jobs/{id}", "POST /api/jobs/{id}/cancel",
                    "GET /api/datasets/{name}/{task}/data",
                    "GET /api/datasets/{name}/{task}/records/{id}/annotation",
                    "GET /api/datasets/{name}/{task}/records/{id}/history",
                    "POST /api/datasets/{name}/settings/schema-from-records" -> request;
            case "POST /api/datasets/{name}/{task}:bulk" -> request.withBody(RECORDS);
            case "POST /api/datasets/{name}/{task}:search" -> request.withBody("{\"query\": {\"query_text\": \"contract\"}}");
            case "POST /api/datasets/{name}/{task}:summary", "POST /api/datasets/{name}/{task}/data",
                    "POST /api/datasets/{name}/snapshots" -> request.withBody("{}");
            case "POST /api/datasets/{name}/{task}:series" -> request.withBody(
                    "{\"from\": \"2026-11-30T00:00:00Z\", \"to\": \"2026-12-01T00:00:00Z\", \"interval\": \"1h\"}");
            case "PATCH /api/datasets/{name}" -> request.withBody("{\"tags\": {\"contract\": \"checked\"}}");
            case "PUT /api/datasets/{name}/settings" -> request.withBody("{\"labels\": [\"yes\", \"no\"]}");
            case "PUT /api/datasets/{name}/{task}/records/{id}/annotation" -> request
                    .withBody("{\"annotation\": {\"agent\": \"admin\", \"labels\": [{\"class\": \"yes\"}]}}")
                    .withHeader("If-Match", "current");
            case "POST /api/datasets/{name}/{task}/records/{id}/comments" -> request
                    .withBody("{\"text\": \"the contract holds?\"}");
            case "POST /api/datasets/{name}/{task}/bulk-annotations" -> request
                    .withBody("{\"ids\": [\"1\"], \"status\": \"Discarded\"}");
            case "POST /api/datasets/{name}/{task}/bulk-deletions" -> request.withBody("{\"ids\": [\"no-such-record\"]}");
            case "DELETE /api/datasets/{name}", "PUT /api/datasets/{name}:close", "PUT /api/datasets/{name}:open" ->
                    request.withName(DATASET + "-x").before("/api/datasets/" + DATASET + "-x/" + TASK + ":bulk", RECORDS);
            case "DELETE /api/datasets/{name}/snapshots/{id}" -> request.withId("fresh");
            // Team labelling (ADR 0012), on record 2 of the dataset (one answer per record: the default)
            case "PUT /api/datasets/{name}/settings/team" -> request
                    .withBody("{\"min_submitted\": 1, \"resolution\": \"review\"}");
            case "POST /api/datasets/{name}/{task}:agreement" -> request.withBody("{\"query\": {}}");
            case "POST /api/datasets/{name}/{task}/queue:next",
                    "GET /api/datasets/{name}/{task}/records/{id}/responses" -> request;
            case "PUT /api/datasets/{name}/{task}/records/{id}/responses/me:next" -> request.withId("1")
                    .withBody("{\"status\": \"draft\", \"annotation\": {\"labels\": [{\"class\": \"yes\"}]}}");
            case "PUT /api/datasets/{name}/{task}/records/{id}/responses/me" -> request
                    .withBody("{\"status\": \"draft\", \"annotation\": {\"labels\": [{\"class\": \"yes\"}]}}");
            // Labelling rules (ADR 0013): "contract-rule" is written before the run, "contract-gone" to be deleted
            case "PUT /api/datasets/{name}/{task}/labeling/rules/{rule}" -> request.withRule("contract-rule")
                    .withBody("{\"query\": \"contract\", \"labels\": [\"yes\"]}");
            case "DELETE /api/datasets/{name}/{task}/labeling/rules/{rule}" -> request.withRule("contract-gone");
            case "GET /api/datasets/{name}/{task}/labeling/rules",
                    "GET /api/datasets/{name}/{task}/labeling/rules:matrix" -> request;
            case "GET /api/datasets/{name}/{task}/labeling/rules/{rule}" -> request.withRule("contract-rule");
            case "POST /api/datasets/{name}/{task}/labeling/rules:figures" -> request
                    .withBody("{\"query\": \"holds\", \"labels\": [\"yes\"]}");
            case "POST /api/datasets/{name}/{task}/labeling/rules:apply" -> request.withBody("{\"model\": \"majority\"}");
            // Drift monitors (ADR 0014): "contract-monitor" is written before the run, "contract-monitor-gone" deleted
            case "PUT /api/datasets/{name}/{task}/monitors/{monitor}" -> request.withMonitor("contract-monitor")
                    .withBody(MONITOR);
            case "DELETE /api/datasets/{name}/{task}/monitors/{monitor}" -> request.withMonitor("contract-monitor-gone");
            case "POST /api/datasets/{name}/{task}/monitors/{monitor}:evaluate",
                    "GET /api/datasets/{name}/{task}/monitors/{monitor}",
                    "GET /api/datasets/{name}/{task}/monitors/{monitor}/evaluations",
                    "GET /api/datasets/{name}/{task}/monitors/{monitor}/alerts" -> request.withMonitor("contract-monitor");
            case "GET /api/datasets/{name}/{task}/monitors" -> request;
            case "POST /api/datasets/{name}/{task}/monitors:preview" -> request.withBody(MONITOR);
            case "PUT /api/datasets/{name}/{task}/records/{id}/review" -> request
                    .withBody("{\"annotation\": {\"labels\": [{\"class\": \"no\"}]}, \"status\": \"Validated\"}")
                    .withHeader("If-Match", "current");
            default -> null;
        };
    }

    private void check(Operation operation, int status, Request request) {
        HttpResponse<String> answer = request.send(http);
        String what = operation + " for " + status;
        if (answer.statusCode() != status) {
            failures.add(what + ": answered " + answer.statusCode() + " " + excerpt(answer.body()));
            return;
        }
        String type = answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
        JsonNode content = operation.json().path("responses").path(String.valueOf(status)).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            failures.add(what + ": Content-Type " + type + " is not documented (" + content.fieldNames().next() + ")");
            return;
        }
        JsonNode schema = media.path("schema");
        List<JsonNode> values = new ArrayList<>();
        if (type.equals("application/x-ndjson")) {
            answer.body().lines().filter(line -> !line.isBlank()).forEach(line -> values.add(Stack.read(line)));
        } else if (!answer.body().isEmpty()) {
            values.add(Stack.read(answer.body()));
        }
        for (JsonNode value : values) {
            contract.violations(value, schema).forEach(violation -> failures.add(what + ": " + violation));
        }
        if (status >= 400 && values.stream().anyMatch(value -> value.path("detail").asText().isBlank())) {
            failures.add(what + ": a problem without a detail");
        }
    }

    static HttpResponse<String> call(HttpClient http, String method, String path, String token, String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return Stack.send(http, request.build());
    }

    private static String excerpt(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** One operation of the document. */
    record Operation(String method, String path, JsonNode json) {

        String key() {
            return method + " " + path;
        }

        boolean hasBody() {
            return json.has("requestBody");
        }

        boolean hasQuery(String name) {
            for (JsonNode parameter : json.path("parameters")) {
                if (parameter.path("in").asText().equals("query") && parameter.path("name").asText().equals(name)) {
                    return true;
                }
            }
            return false;
        }

        List<String> roles() {
            List<String> roles = new ArrayList<>();
            json.path("x-rubrix-roles").forEach(role -> roles.add(role.asText()));
            return roles;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** A request to one operation, built up from its success case. */
    record Request(Operation operation, String token, Map<String, String> parameters, String query, String body,
            Map<String, String> headers, boolean oversized, String preparePath, String prepareBody) {

        Request(Operation operation, String token) {
            this(operation, token, Map.of(), null, null, Map.of(), false, null, null);
        }

        Request withName(String name) {
            return parameter("name", name);
        }

        Request withTask(String task) {
            return parameter("task", task);
        }

        Request withId(String id) {
            return parameter("id", id);
        }

        Request withRule(String rule) {
            return parameter("rule", rule);
        }

        Request withMonitor(String monitor) {
            return parameter("monitor", monitor);
        }

        private Request parameter(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(parameters);
            changed.put(name, value);
            return new Request(operation, token, changed, query, body, headers, oversized, preparePath, prepareBody);
        }

        Request withQuery(String added) {
            return new Request(operation, token, parameters, added, body, headers, oversized, preparePath, prepareBody);
        }

        Request withBody(String changed) {
            return new Request(operation, token, parameters, query, changed, headers, oversized, preparePath, prepareBody);
        }

        Request as(String changed) {
            return new Request(operation, changed, parameters, query, body, headers, oversized, preparePath, prepareBody);
        }

        Request withHeader(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new Request(operation, token, parameters, query, body, changed, oversized, preparePath, prepareBody);
        }

        Request withoutHeader(String name) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.remove(name);
            return new Request(operation, token, parameters, query, body, changed, oversized, preparePath, prepareBody);
        }

        Request overLimit() {
            return new Request(operation, token, parameters, query, body, headers, true, preparePath, prepareBody);
        }

        /** A bulk sent first (as the admin), for operations that need their own dataset. */
        Request before(String path, String records) {
            return new Request(operation, token, parameters, query, body, headers, oversized, path, records);
        }

        String path() {
            String path = operation.path();
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            return query == null ? path : path + "?" + query;
        }

        HttpResponse<String> send(HttpClient http) {
            if (preparePath != null) {
                call(http, "POST", preparePath, admin, prepareBody, Map.of());
            }
            Request ready = this;
            if ("fresh".equals(parameters.get("id"))) { // a snapshot of its own, to delete
                ready = withId(Stack.read(call(http, "POST", "/api/datasets/" + DATASET + "/snapshots", admin, "{}",
                        Map.of()).body()).path("id").asText());
            }
            if ("current".equals(headers.get("If-Match"))) { // the record's version as the client read it
                ready = withHeader("If-Match", call(http, "GET", path().replaceAll("/review$", "/annotation"), token,
                        null, Map.of()).headers().firstValue("ETag").orElse("\"1.0\""));
            }
            if (operation.key().endsWith("/queue:next") && parameters.getOrDefault("name", "").endsWith("-answered")) {
                // nothing left for the caller: they answer every record their queue hands them first
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> next = call(http, "POST", path(), admin, null, Map.of());
                    if (next.statusCode() != 200) {
                        break;
                    }
                    String id = Stack.read(next.body()).at("/record/id").asText();
                    call(http, "PUT", path().replace("/queue:next", "/records/" + id + "/responses/me"), admin,
                            "{\"status\": \"discarded\"}", Map.of());
                }
            }
            if (operation.key().endsWith(":open")) { // a dataset opens once it was closed
                call(http, "PUT", ready.path().replace(":open", ":close"), admin, null, Map.of());
            }
            return ready.oversized ? ready.sendOversized() : call(http, operation.method(), ready.path(), ready.token,
                    ready.body, ready.headers);
        }

        /** Announces a body far over any limit and sends none: the answer comes before the body would be read. */
        private HttpResponse<String> sendOversized() {
            URI gateway = URI.create(Stack.GATEWAY);
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write((operation.method() + " " + path() + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                        + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return RawAnswer.read(socket.getInputStream());
            } catch (IOException e) {
                throw new IllegalStateException(operation + " oversized", e);
            }
        }
    }

    /** Just enough of an HTTP/1.1 answer read from a socket for {@link #check}. */
    static final class RawAnswer {

        static HttpResponse<String> read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.write(next);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    String name = lines[i].substring(0, colon).trim();
                    String value = lines[i].substring(colon + 1).trim();
                    headers.put(name, List.of(value));
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(value);
                    }
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new StaticAnswer(status, java.net.http.HttpHeaders.of(headers, (a, b) -> true), body);
        }
    }

    private record StaticAnswer(int statusCode, java.net.http.HttpHeaders headers, String body)
            implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create(Stack.GATEWAY);
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}

package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every endpoint of every service, through the gateway, from one table: without a token, with a malformed one,
 * with a forged signature, with another realm's token and with an expired one it is 401; with each role it is 2xx when the role may and
 * 403 when it may not. The table must name every operation the services publish in their OpenAPI documents, so a
 * new endpoint without a rule here fails the suite.
 */
class RoleMatrixTest {

    static final String ADMIN = "admin";
    static final String ANNOTATOR = "annotator";
    static final String VIEWER = "viewer";
    static final String REVIEWER = "reviewer";
    static final String INGEST = "ingest";
    static final Set<String> READERS = Set.of(ADMIN, ANNOTATOR, VIEWER, REVIEWER, INGEST);
    static final Set<String> LABELLERS = Set.of(ADMIN, ANNOTATOR);
    static final Set<String> WRITERS = Set.of(ADMIN, ANNOTATOR, INGEST);
    static final Set<String> ADMINS = Set.of(ADMIN);
    /** Who decides a record's annotation from a team's responses (ADR 0012): reviewers and admins, not annotators. */
    static final Set<String> REVIEWERS = Set.of(ADMIN, REVIEWER);
    /** Who reads a record's responses (their own, or everyone's): people of the team, not viewers or machines. */
    static final Set<String> RESPONSE_READERS = Set.of(ADMIN, ANNOTATOR, REVIEWER);
    static final Set<String> PEOPLE = Set.of(ADMIN, ANNOTATOR, VIEWER, REVIEWER);
    static final Map<String, String> SERVICES = Map.of("ingest", "http://127.0.0.1:8081", "query",
            "http://127.0.0.1:8082", "annotation", "http://127.0.0.1:8083");

    /** One operation: its OpenAPI template, the request made, and the roles that may. Run in this order. */
    record Endpoint(String service, String method, String template, String path, String body, Set<String> allowed) {
    }

    static final String DS = "e2e-matrix-" + System.currentTimeMillis();
    static final String MONITOR = "{\"reference\":{\"kind\":\"preceding\"},\"window\":\"1h\",\"every\":\"1h\","
            + "\"measures\":[{\"kind\":\"predicted_labels\"}]}";
    static final String DOOMED = DS + "-doomed";
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String snapshot;
    static String job;

    static List<Endpoint> table() {
        String records = "/api/datasets/" + DS + "/TextClassification";
        return List.of(
                new Endpoint("query", "GET", "/api/_status", "/api/_status", null, READERS),
                new Endpoint("query", "GET", "/api/me", "/api/me", null, READERS),
                new Endpoint("query", "GET", "/api/datasets", "/api/datasets/", null, READERS),
                new Endpoint("query", "GET", "/api/datasets/{name}", "/api/datasets/" + DS, null, READERS),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}:search", records + ":search", "{}", READERS),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}:summary", records + ":summary", "{}", READERS),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}:series", records + ":series",
                        "{\"interval\":\"1d\"}", READERS),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}:agreement", records + ":agreement",
                        "{\"query\":{}}", PEOPLE),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}/data", records + "/data", "{}", READERS),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/data", records + "/data?format=csv", null,
                        READERS),
                new Endpoint("query", "GET", "/api/datasets/{name}/snapshots", "/api/datasets/" + DS + "/snapshots",
                        null, READERS),
                new Endpoint("query", "GET", "/api/datasets/{name}/snapshots/{id}",
                        "/api/datasets/" + DS + "/snapshots/{snapshot}", null, READERS),
                new Endpoint("query", "GET", "/api/datasets/{name}/snapshots/{id}/data",
                        "/api/datasets/" + DS + "/snapshots/{snapshot}/data", null, READERS),
                new Endpoint("ingest", "POST", "/api/datasets/{name}/{task}:bulk", records + ":bulk",
                        "{\"records\":[{\"id\":\"r1\",\"inputs\":{\"text\":\"one\"}}]}", WRITERS),
                new Endpoint("ingest", "PATCH", "/api/datasets/{name}", "/api/datasets/" + DS,
                        "{\"tags\":{\"checked\":\"yes\"}}", WRITERS),
                new Endpoint("ingest", "POST", "/api/datasets/{name}/snapshots", "/api/datasets/" + DS + "/snapshots",
                        "{\"query\":{}}", WRITERS),
                new Endpoint("annotation", "GET", "/api/datasets/{name}/{task}/records/{id}/annotation",
                        records + "/records/r2/annotation", null, LABELLERS),
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/{task}/records/{id}/annotation",
                        records + "/records/r2/annotation", "{\"status\":\"Discarded\",\"version\":\"{version}\"}",
                        LABELLERS),
                new Endpoint("annotation", "GET", "/api/datasets/{name}/{task}/records/{id}/history",
                        records + "/records/r2/history", null, Set.of(ADMIN, ANNOTATOR, VIEWER, REVIEWER)),
                // Team labelling (ADR 0012) on r1: a response (each labeller their own, the first without a version),
                // the queue (it claims a record for the caller), everyone's responses, a review over r1's version.
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/{task}/records/{id}/responses/me",
                        records + "/records/r1/responses/me",
                        "{\"status\":\"draft\",\"annotation\":{\"labels\":[{\"class\":\"A\"}]}}", LABELLERS),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/{task}/queue:next", records + "/queue:next", null,
                        LABELLERS),
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/{task}/records/{id}/responses/me:next",
                        records + "/records/r4/responses/me:next",
                        "{\"status\":\"draft\",\"annotation\":{\"labels\":[{\"class\":\"A\"}]}}", LABELLERS),
                new Endpoint("annotation", "GET", "/api/datasets/{name}/{task}/records/{id}/responses",
                        records + "/records/r1/responses", null, RESPONSE_READERS),
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/{task}/records/{id}/review",
                        records + "/records/r1/review", "{\"annotation\":{\"labels\":[{\"class\":\"A\"}]},"
                                + "\"status\":\"Validated\",\"version\":\"{version:r1}\"}", REVIEWERS),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/{task}/records/{id}/comments",
                        records + "/records/r2/comments", "{\"text\":\"ambiguous: sarcasm?\"}", LABELLERS),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/{task}/bulk-annotations",
                        records + "/bulk-annotations", "{\"ids\":[\"r3\"],\"status\":\"Validated\"}", LABELLERS),
                // Labelling rules (ADR 0013): each labeller writes and deletes a rule of their own ({who}: the role).
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/{task}/labeling/rules/{rule}",
                        records + "/labeling/rules/m-{who}", "{\"query\":\"record\",\"labels\":[\"A\"]}",
                        LABELLERS),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/labeling/rules",
                        records + "/labeling/rules", null, PEOPLE),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/labeling/rules/{rule}",
                        records + "/labeling/rules/m-admin", null, PEOPLE),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/labeling/rules:matrix",
                        records + "/labeling/rules:matrix", null, PEOPLE),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}/labeling/rules:figures",
                        records + "/labeling/rules:figures", "{\"query\":\"r1\",\"labels\":[\"A\"]}", PEOPLE),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/{task}/labeling/rules:apply",
                        records + "/labeling/rules:apply", "{\"model\":\"majority\"}", LABELLERS),
                new Endpoint("annotation", "DELETE", "/api/datasets/{name}/{task}/labeling/rules/{rule}",
                        records + "/labeling/rules/m-{who}", null, LABELLERS),
                // Drift monitors (ADR 0014): written and evaluated by admins, read by people.
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/{task}/monitors/{monitor}",
                        records + "/monitors/watch", MONITOR, ADMINS),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/monitors", records + "/monitors", null,
                        PEOPLE),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/monitors/{monitor}",
                        records + "/monitors/watch", null, PEOPLE),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/{task}/monitors/{monitor}:evaluate",
                        records + "/monitors/watch:evaluate", null, ADMINS),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/monitors/{monitor}/evaluations",
                        records + "/monitors/watch/evaluations", null, PEOPLE),
                new Endpoint("query", "GET", "/api/datasets/{name}/{task}/monitors/{monitor}/alerts",
                        records + "/monitors/watch/alerts", null, PEOPLE),
                new Endpoint("query", "POST", "/api/datasets/{name}/{task}/monitors:preview",
                        records + "/monitors:preview", MONITOR, PEOPLE),
                new Endpoint("annotation", "DELETE", "/api/datasets/{name}/{task}/monitors/{monitor}",
                        records + "/monitors/watch", null, ADMINS),
                new Endpoint("annotation", "GET", "/api/jobs/{id}", "/api/jobs/{job}", null,
                        Set.of(ADMIN, ANNOTATOR, VIEWER, REVIEWER)),
                new Endpoint("annotation", "POST", "/api/jobs/{id}/cancel", "/api/jobs/{job}/cancel", null, LABELLERS),
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/settings", "/api/datasets/" + DS + "/settings",
                        "{\"labels\":[],\"guidelines\":\"Be kind.\"}", ADMINS),
                new Endpoint("annotation", "PUT", "/api/datasets/{name}/settings/team",
                        "/api/datasets/" + DS + "/settings/team", "{\"min_submitted\":1,\"resolution\":\"review\"}",
                        ADMINS),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/settings/schema-from-records",
                        "/api/datasets/" + DS + "/settings/schema-from-records", null, ADMINS),
                new Endpoint("annotation", "POST", "/api/datasets/{name}/{task}/bulk-deletions",
                        records + "/bulk-deletions", "{\"ids\":[\"r5\"]}", ADMINS),
                new Endpoint("ingest", "DELETE", "/api/datasets/{name}/snapshots/{id}",
                        "/api/datasets/" + DS + "/snapshots/{snapshot}", null, ADMINS),
                new Endpoint("ingest", "PUT", "/api/datasets/{name}:close", "/api/datasets/" + DS + ":close", null, ADMINS),
                new Endpoint("ingest", "PUT", "/api/datasets/{name}:open", "/api/datasets/" + DS + ":open", null, ADMINS),
                new Endpoint("ingest", "DELETE", "/api/datasets/{name}", "/api/datasets/" + DOOMED, null, ADMINS));
    }

    @BeforeAll
    static void usersAndADatasetInTeamA() {
        TOKENS.put(ADMIN, Stack.token("admin", "admin-password"));
        TOKENS.put(ANNOTATOR, Stack.token("ana", "ana-password"));
        TOKENS.put(VIEWER, Stack.token("vic", "vic-password"));
        TOKENS.put(REVIEWER, Stack.token("rita", "rita-password"));
        TOKENS.put(INGEST, Stack.serviceAccountToken("rubrix-ingest", "rubrix-ingest-dev-secret"));
        String fiveRecords = "{\"records\":[" + String.join(",", List.of("r1", "r2", "r3", "r4", "r5").stream()
                .map(id -> "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"record " + id + "\"},\"prediction\":"
                        + "{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":0.9}]}}").toList()) + "]}";
        for (String name : List.of(DS, DOOMED)) {
            assertThat(call("POST", "/api/datasets/" + name + "/TextClassification:bulk", fiveRecords,
                    TOKENS.get(INGEST)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> created = call("POST", "/api/datasets/" + DS + "/snapshots", "{\"query\":{}}",
                TOKENS.get(ADMIN));
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
        snapshot = Stack.read(created.body()).path("id").asText();
        HttpResponse<String> started = call("POST", "/api/datasets/" + DS + "/TextClassification/bulk-annotations",
                "{\"query\":{\"ids\":[\"r4\"]},\"status\":\"Validated\"}", TOKENS.get(ANNOTATOR));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        job = Stack.read(started.body()).path("id").asText();
    }

    @Test
    void everyEndpointAnswersEachCallerAsItsRuleSays() {
        List<String> wrong = new ArrayList<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("no token", null);
        invalid.put("a malformed token", "not.a.token");
        String real = TOKENS.get(ADMIN);
        invalid.put("a forged signature", real.substring(0, real.lastIndexOf('.') + 1) + "AAAA" + real.substring(
                real.lastIndexOf('.') + 5));
        invalid.put("another realm's token", Stack.masterRealmToken());
        invalid.put("an expired token", expiredToken());
        for (Endpoint endpoint : table()) {
            invalid.forEach((what, token) -> {
                int status = call(endpoint, token, "nobody").statusCode();
                if (status != 401) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " with " + what + ": " + status + ", not 401");
                }
            });
            for (String role : List.of(VIEWER, REVIEWER, INGEST, ANNOTATOR, ADMIN)) { // the allowed ones last: writes happen once
                HttpResponse<String> answer = call(endpoint, TOKENS.get(role), role);
                boolean allowed = endpoint.allowed().contains(role);
                boolean right = allowed ? answer.statusCode() / 100 == 2 : answer.statusCode() == 403;
                if (!right) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + role + ": " + answer.statusCode()
                            + (allowed ? ", not 2xx: " : ", not 403: ") + answer.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A token of a viewer of team-a whose 5-second lifespan has passed (client rubrix-e2e-expiring). */
    private static String expiredToken() {
        String token = Stack.serviceAccountToken("rubrix-e2e-expiring", "rubrix-e2e-expiring-dev-secret");
        assertThat(Stack.get(HTTP, "/api/me", token).statusCode()).as("valid while it lives").isEqualTo(200);
        // Deliberate: the token must outlive its lifespan. Awaiting a 401 would assume what the matrix checks.
        try {
            Thread.sleep(8_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return token;
    }

    @Test
    void theTableNamesEveryOperationTheServicesPublish() {
        Set<String> published = new TreeSet<>();
        SERVICES.forEach((service, url) -> {
            JsonNode spec = Stack.read(Stack.send(HTTP, HttpRequest.newBuilder(URI.create(url + "/q/openapi?format=json"))
                    .build()).body());
            spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    published.add(service + " " + method.toUpperCase() + " " + path.getKey());
                }
            }));
        });
        Set<String> ruled = new TreeSet<>();
        table().forEach(endpoint -> ruled.add(endpoint.service() + " " + endpoint.method() + " " + endpoint.template()));
        ruled.add("query GET /api/_info"); // open to all: checked in BearerThroughGatewayTest
        assertThat(ruled).as("operations with a rule in the table").containsAll(published);
        assertThat(published).as("rules of operations that exist").containsAll(ruled);
    }

    private static HttpResponse<String> call(Endpoint endpoint, String token, String who) {
        String path = endpoint.path().replace("{snapshot}", snapshot).replace("{job}", job).replace("{who}", who);
        String body = endpoint.body();
        if (body != null && body.contains("{version}")) {
            String version = Stack.read(call("GET", path, null, TOKENS.get(ADMIN)).body()).path("version").asText();
            body = body.replace("{version}", version);
        }
        if (body != null && body.contains("{version:r1}")) { // the record's version, as its annotation reads it
            String version = Stack.read(call("GET", "/api/datasets/" + DS + "/TextClassification/records/r1/annotation",
                    null, TOKENS.get(ADMIN)).body()).path("version").asText();
            body = body.replace("{version:r1}", version);
        }
        return call(endpoint.method(), path, body, token);
    }

    static HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Stack.send(HTTP, request.build());
    }
}

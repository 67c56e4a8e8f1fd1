package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** API clients send bearer tokens through the gateway; each service checks the token and the role itself. */
class BearerThroughGatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void infoIsOpenAndEverythingElseNeedsAValidToken() {
        HttpResponse<String> info = Stack.get(http, "/api/_info", null);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(Stack.get(http, "/api/datasets/", null).statusCode()).isEqualTo(401);
        assertThat(Stack.get(http, "/api/datasets/", "not.a.token").statusCode()).isEqualTo(401);
        HttpResponse<String> me = Stack.get(http, "/api/me", Stack.token("vic", "vic-password"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Stack.read(me.body()).path("username").asText()).isEqualTo("vic");
    }

    @Test
    void aViewerMayNotLogNorLabelButAnAnnotatorMayDoBoth() {
        String viewer = Stack.token("vic", "vic-password");
        String annotator = Stack.token("ana", "ana-password");
        String bulk = "{\"records\":[{\"id\":\"e2e-1\",\"inputs\":{\"text\":\"hello\"}}]}";
        assertThat(post("/api/datasets/e2e-roles/TextClassification:bulk", bulk, viewer).statusCode()).isEqualTo(403);
        assertThat(post("/api/datasets/e2e-roles/TextClassification/bulk-annotations",
                "{\"ids\":[\"e2e-1\"],\"status\":\"Discarded\"}", viewer).statusCode()).isEqualTo(403);
        HttpResponse<String> logged = post("/api/datasets/e2e-roles/TextClassification:bulk", bulk, annotator);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(200);
        HttpResponse<String> labelled = post("/api/datasets/e2e-roles/TextClassification/bulk-annotations",
                "{\"ids\":[\"e2e-1\"],\"status\":\"Discarded\"}", annotator);
        assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);
        assertThat(Stack.read(labelled.body()).path("done").asInt()).isEqualTo(1);
    }

    @Test
    void anotherWorkspacesDatasetIsNotFound() {
        String bob = Stack.token("bob", "bob-password"); // team-b
        post("/api/datasets/e2e-secret/TextClassification:bulk",
                "{\"records\":[{\"id\":\"s1\",\"inputs\":{\"text\":\"team b only\"}}]}", bob);
        HttpResponse<String> fromTeamA = post("/api/datasets/e2e-secret/TextClassification:search", "{}",
                Stack.token("ana", "ana-password"));
        assertThat(fromTeamA.statusCode()).isEqualTo(404);
        assertThat(fromTeamA.body()).doesNotContain("team-b");
    }

    @Test
    void aNotebookApiKeyLivesThirtyDaysAndWorksAsTheRubrixClientSendsIt() {
        String apiKey = Stack.serviceAccountToken("rubrix-notebook-ana", "rubrix-notebook-ana-dev-secret");
        JsonNode claims = Stack.read(new String(Base64.getUrlDecoder().decode(apiKey.split("\\.")[1]),
                StandardCharsets.UTF_8));
        // Keycloak reads the clock for iat and for exp apart: they may straddle a second (CI saw 2,591,999)
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                .isBetween(30L * 24 * 3600 - 1, 30L * 24 * 3600);
        HttpResponse<String> me = Stack.get(http, "/api/me", apiKey);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Stack.read(me.body()).path("user_groups").toString()).isEqualTo("[\"team-a\"]");
        HttpResponse<String> logged = post("/api/datasets/e2e-notebook/TextClassification:bulk",
                "{\"records\":[{\"id\":\"n1\",\"inputs\":{\"text\":\"from a notebook\"}}]}", apiKey);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(200);
        assertThat(Stack.read(logged.body()).path("processed").asInt()).isEqualTo(1);
    }

    private HttpResponse<String> post(String path, String body, String token) {
        return Stack.send(http, HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}

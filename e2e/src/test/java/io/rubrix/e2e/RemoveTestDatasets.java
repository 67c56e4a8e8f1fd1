package io.rubrix.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When the end-to-end tests are done, deletes the datasets they logged (names starting with {@code e2e-}, in
 * every workspace the admin sees) and their snapshots. The stack's Elasticsearch outlives a run: without this,
 * datasets of 100,000 records piled up in it run after run and slowed it down.
 */
public class RemoveTestDatasets implements LauncherSessionListener {

    static final String PREFIX = "e2e-";

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            String admin = Stack.token("admin", "admin-password");
            HttpClient http = HttpClient.newHttpClient();
            int removed = 0;
            for (JsonNode dataset : Stack.read(Stack.get(http, "/api/datasets", admin).body())) {
                String name = dataset.path("name").asText();
                if (name.startsWith(PREFIX)) {
                    remove(http, admin, name, dataset.path("workspace").asText());
                    removed++;
                }
            }
            System.out.printf("[e2e] removed the %d datasets named %s* and their snapshots%n", removed, PREFIX);
        } catch (RuntimeException e) {
            System.err.println("[e2e] could not remove the test datasets: " + e);
        }
    }

    private static void remove(HttpClient http, String admin, String name, String workspace) {
        String path = "/api/datasets/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        JsonNode snapshots = Stack.read(Stack.send(http, request(path + "/snapshots", admin, workspace).GET().build())
                .body());
        for (JsonNode snapshot : snapshots) {
            String id = URLEncoder.encode(snapshot.path("id").asText(), StandardCharsets.UTF_8);
            Stack.send(http, request(path + "/snapshots/" + id, admin, workspace).DELETE().build());
        }
        Stack.send(http, request(path, admin, workspace).DELETE().build());
    }

    private static HttpRequest.Builder request(String path, String token, String workspace) {
        return HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path)).header("Authorization", "Bearer " + token)
                .header("X-Rubrix-Workspace", workspace);
    }
}

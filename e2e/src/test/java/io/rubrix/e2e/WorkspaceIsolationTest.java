package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspaces come from the token's groups: ana is in team-a, bob in team-b, admin in both. Each one's dataset
 * is invisible to the other for every read and every write (404, its workspace never named), both ways; the
 * same dataset name in two workspaces is two datasets.
 */
class WorkspaceIsolationTest {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String OF_A = "e2e-iso-a-" + RUN;
    static final String OF_B = "e2e-iso-b-" + RUN;
    static final String SHARED_NAME = "e2e-iso-both-" + RUN;
    static String ana;
    static String bob;

    @BeforeAll
    static void eachTeamLogsADataset() {
        ana = Stack.token("ana", "ana-password");
        bob = Stack.token("bob", "bob-password");
        log(ana, OF_A, "a1", "written by team a");
        log(bob, OF_B, "b1", "written by team b");
        log(ana, SHARED_NAME, "a1", "same name, team a");
        log(bob, SHARED_NAME, "b1", "same name, team b");
    }

    @Test
    void teamBCannotReachTeamAsDataset() {
        assertThat(everyWayIn(bob, OF_A, "a1", "team-a")).isEmpty();
    }

    @Test
    void teamACannotReachTeamBsDataset() {
        assertThat(everyWayIn(ana, OF_B, "b1", "team-b")).isEmpty();
    }

    @Test
    void eachTeamListsItsOwnDatasetsOnlyAndAMemberOfBothSeesBoth() {
        assertThat(names(ana)).contains(OF_A).doesNotContain(OF_B);
        assertThat(names(bob)).contains(OF_B).doesNotContain(OF_A);
        assertThat(names(Stack.token("admin", "admin-password"))).contains(OF_A, OF_B);
    }

    @Test
    void theSameNameInTwoWorkspacesIsTwoDatasets() {
        assertThat(ids(ana, SHARED_NAME)).containsExactly("a1");
        assertThat(ids(bob, SHARED_NAME)).containsExactly("b1");
        assertThat(Stack.read(RoleMatrixTest.call("GET", "/api/datasets/" + SHARED_NAME, null, bob).body())
                .path("owner").asText()).isEqualTo("team-b");
    }

    /** Every operation of the three services on another workspace's dataset; what did not answer 404 or named it. */
    private static List<String> everyWayIn(String outsider, String dataset, String recordId, String ownerWorkspace) {
        String base = "/api/datasets/" + dataset;
        String records = base + "/TextClassification";
        List<String[]> calls = List.of(
                new String[] {"GET", base, null},
                new String[] {"POST", records + ":search", "{}"},
                new String[] {"POST", records + ":summary", "{}"},
                new String[] {"POST", records + ":series", "{\"interval\":\"1d\"}"},
                new String[] {"POST", records + "/data", "{}"},
                new String[] {"GET", records + "/data?format=csv", null},
                new String[] {"GET", base + "/snapshots", null},
                new String[] {"PATCH", base, "{\"tags\":{\"taken\":\"over\"}}"},
                new String[] {"POST", base + "/snapshots", "{\"query\":{}}"},
                new String[] {"GET", records + "/records/" + recordId + "/annotation", null},
                new String[] {"PUT", records + "/records/" + recordId + "/annotation",
                        "{\"status\":\"Discarded\",\"version\":\"1.0\"}"},
                new String[] {"GET", records + "/records/" + recordId + "/history", null},
                new String[] {"POST", records + "/records/" + recordId + "/comments", "{\"text\":\"hello\"}"},
                new String[] {"POST", records + "/bulk-annotations",
                        "{\"ids\":[\"" + recordId + "\"],\"status\":\"Discarded\"}"},
                new String[] {"POST", records + "/bulk-annotations",
                        "{\"query\":{},\"status\":\"Discarded\"}"},
                // team labelling (ADR 0012): what an annotator may call (review and settings are other roles')
                new String[] {"POST", records + ":agreement", "{\"query\":{}}"},
                new String[] {"POST", records + "/queue:next", null},
                new String[] {"GET", records + "/records/" + recordId + "/responses", null},
                new String[] {"PUT", records + "/records/" + recordId + "/responses/me",
                        "{\"status\":\"submitted\",\"annotation\":{\"labels\":[{\"class\":\"x\"}]}}"});
        List<String> leaks = new ArrayList<>();
        for (String[] call : calls) {
            HttpResponse<String> answer = RoleMatrixTest.call(call[0], call[1], call[2], outsider);
            if (answer.statusCode() != 404 || answer.body().contains(ownerWorkspace)) {
                leaks.add(call[0] + " " + call[1] + ": " + answer.statusCode() + " " + answer.body());
            }
        }
        return leaks;
    }

    private static void log(String token, String dataset, String id, String text) {
        HttpResponse<String> answer = RoleMatrixTest.call("POST", "/api/datasets/" + dataset
                + "/TextClassification:bulk", "{\"records\":[{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"" + text
                + "\"}}]}", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static List<String> names(String token) {
        List<String> names = new ArrayList<>();
        Stack.read(RoleMatrixTest.call("GET", "/api/datasets/", null, token).body())
                .forEach(dataset -> names.add(dataset.path("name").asText()));
        return names;
    }

    private static List<String> ids(String token, String dataset) {
        List<String> ids = new ArrayList<>();
        Stack.read(RoleMatrixTest.call("POST", "/api/datasets/" + dataset + "/TextClassification:search", "{}",
                token).body()).path("records").forEach(record -> ids.add(record.path("id").asText()));
        return ids;
    }
}

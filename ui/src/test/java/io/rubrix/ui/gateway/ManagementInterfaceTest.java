package io.rubrix.ui.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Health and metrics live on the management interface only: the public port (the one the Ingress exposes) answers
 * 404 for them however the path is spelled, and the gateway proxies none of the spellings to a service (the fake
 * services answer 200 to anything they receive, so a proxied one would show). The gateway's metrics label proxied
 * requests with templates, never with the dataset names and ids of the paths.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(FakeServices.class)
class ManagementInterfaceTest {

    /** Spellings of health and metrics paths on the public port, sent byte for byte as written. */
    static final List<String> PUBLIC_SPELLINGS = List.of("/q/health", "/q/health/ready", "/q/health/live",
            "/q/health/started", "/q/metrics", "//q/metrics", "//q/health", "/q/metrics/", "/Q/metrics",
            "/api/../q/metrics", "/api/%2e%2e/q/metrics", "/api/%2E%2E/q/health", "/api/./../q/metrics",
            "/api/datasets/../../q/metrics", "/api/datasets/%2e%2e/%2e%2e/q/health/ready", "/api/x/..%2f..%2fq/metrics",
            "/ui/../q/metrics", "/q/../q/metrics");

    @TestHTTPResource("/")
    URL publicRoot;

    /** The management interface's root, {@code http://127.0.0.1:<port>/q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthAndMetricsAnswerOnTheManagementPort() {
        assertThat(management.getPort()).isNotEqualTo(publicRoot.getPort());
        given().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "health/started").then().statusCode(200);
        given().get(management + "metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void thePublicPortAnswers404ToEverySpellingOfThemAndProxiesNoneToAService() throws IOException {
        for (String path : PUBLIC_SPELLINGS) {
            String answer = rawGet(publicRoot.getPort(), path);
            assertThat(statusOf(answer)).as("GET " + path + " on the public port").isIn(400, 404);
            assertThat(answer).as("GET " + path + " answered by a service").doesNotContain("\"service\"");
            assertThat(answer).as("GET " + path).doesNotContain("jvm_memory", "\"checks\"");
        }
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Rubrix gateway"));
    }

    @Test
    void metricsLabelProxiedRequestsWithTemplatesNeverWithNamesOrIds() {
        String dataset = "zq-dataset-5be1";
        List<String> paths = List.of(
                "/api/datasets/" + dataset + "/TextClassification:search",
                "/api/datasets/" + dataset + "/TextClassification%3Asearch",
                "/api/datasets/" + dataset + "/TextClassification:bulk",
                "/api/datasets/" + dataset + "/TextClassification/data",
                "/api/datasets/" + dataset + "/TextClassification/records/zq-record-0c7d/annotation",
                "/api/datasets/" + dataset + "/TextClassification/records/zq-record-0c7d/history",
                "/api/datasets/" + dataset + "/snapshots/zq-snapshot-9a41",
                "/api/datasets/" + dataset + "/snapshots/zq-snapshot-9a41/data",
                "/api/datasets/" + dataset + "/settings",
                "/api/datasets/" + dataset,
                "/api/datasets/" + dataset + ":close",
                "/api/jobs/zq-job-77f0",
                "/api/jobs/zq-job-77f0/cancel",
                "/api/zq-elsewhere-3d2e/zq-more");
        for (String path : paths) {
            for (int status : new int[] {200, 401, 404, 422, 500}) {
                given().urlEncodingEnabled(false).header("Authorization", "Bearer t")
                        .post(path + "?status=" + status).then().statusCode(status);
            }
        }
        given().get("/zq-page-1f0a").then().statusCode(404);
        String metrics = given().get(management + "metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("zq-");
        assertThat(metrics).contains("uri=\"/api/datasets/{name}/{task}:search\"",
                "uri=\"/api/datasets/{name}/{task}/records/{id}/annotation\"",
                "uri=\"/api/datasets/{name}/snapshots/{id}\"", "uri=\"/api/jobs/{id}\"", "uri=\"/api/{other}\"");
    }

    static int statusOf(String answer) {
        return Integer.parseInt(answer.split(" ", 3)[1]);
    }

    /** One request as raw bytes (no client normalizes or encodes the path); the whole answer. */
    static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }
}

package io.rubrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.lessThan;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/**
 * The service's metrics name no dataset, record, snapshot or job of any request: matched requests carry their
 * template, unmatched ones NOT_FOUND, other client errors without a template are not recorded. Whatever a caller
 * puts in a path (with or without a token, on a route or not, with the wrong method), it never becomes a label.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class MetricLabelsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void noRequestPathBecomesAMetricLabel() {
        String viewer = TestTokens.withRole("vic", Roles.VIEWER, "team-a");
        String dataset = "zq-dataset-4e2a";
        List<String> paths = List.of("/api/datasets/" + dataset, "/api/datasets/" + dataset + "/",
                "/api/datasets/" + dataset + "/TextClassification",
                "/api/datasets/" + dataset + "/TextClassification:search",
                "/api/datasets/" + dataset + "/TextClassification%3Asummary",
                "/api/datasets/" + dataset + "/TextClassification/data",
                "/api/datasets/" + dataset + "/snapshots", "/api/datasets/" + dataset + "/snapshots/zq-snapshot-81c3",
                "/api/datasets/" + dataset + "/snapshots/zq-snapshot-81c3/data",
                "/api/datasets/" + dataset + "/TextClassification/records/zq-record-2d9f/history",
                "/api/jobs/zq-job-60b4", "/api/zq-elsewhere-a1f7", "/zq-page-c3e8", "/q/zq-tool-5d10");
        for (String path : paths) {
            for (String token : new String[] {null, viewer}) {
                for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                    RequestSpecification request = given().urlEncodingEnabled(false).contentType("application/json")
                            .body("{}");
                    if (token != null) {
                        request.auth().oauth2(token);
                    }
                    request.request(method, path + "?q=zq-query-77aa").then().statusCode(lessThan(500));
                }
            }
        }
        String metrics = given().get(management + "metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count").doesNotContain("zq-");
        assertThat(metrics).contains("uri=\"/api/datasets/{name}");
    }
}

package io.rubrix.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class HealthTest {

    /** The management interface's root, {@code http://127.0.0.1:<port>/q/}: health and metrics live there only. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readinessChecksElasticsearchAndKafka() {
        given().when().get(management + "health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Elasticsearch"), containsString("Kafka")))
                .body("checks.status", org.hamcrest.Matchers.everyItem(equalTo("UP")));
    }

    @Test
    void livenessIsUp() {
        given().when().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiIsServedOnThePublicPortAndMetricsOnTheManagementPort() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo("Rubrix ingest-service"));
        given().when().get(management + "metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void thePublicPortServesNoHealthAndNoMetrics() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/health/started",
                "/q/metrics", "/api/%2e%2e/q/metrics"}) {
            given().urlEncodingEnabled(false).when().get(path).then().statusCode(404);
        }
    }
}

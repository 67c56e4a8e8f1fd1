package io.rubrix.common.testing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;

/**
 * What every service answers about itself, and where: health and metrics on the management interface only, the
 * OpenAPI document on the public port (the gateway merges the services' documents for /api/docs). A service's test
 * extends it, annotated {@code @QuarkusTest}, and says what differs.
 */
public abstract class ServiceHealthContract {

    /** The backing services a readiness check may name. */
    private static final Set<String> BACKING_SERVICES = Set.of("Elasticsearch", "Kafka");

    /** The management interface's root, {@code http://127.0.0.1:<port>/q/}: health and metrics live there only. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    /** The title of the service's OpenAPI document. */
    protected abstract String openApiTitle();

    /** A path of the service's own that its OpenAPI document publishes. */
    protected abstract String aPublishedPath();

    /** The backing services (of Elasticsearch and Kafka) whose checks readiness lists; it must list no other. */
    protected abstract Set<String> readinessWaitsFor();

    /** The service's own metrics, besides the JVM's. */
    protected List<String> ownMetrics() {
        return List.of();
    }

    @Test
    void readinessListsTheBackingServicesItWaitsForAllUp() {
        ValidatableResponse readiness = given().when().get(management + "health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", everyItem(equalTo("UP")));
        Set<String> named = new TreeSet<>(BACKING_SERVICES);
        named.addAll(readinessWaitsFor());
        for (String backing : named) {
            readiness.body("checks.name", readinessWaitsFor().contains(backing)
                    ? hasItem(containsString(backing)) : not(hasItem(containsString(backing))));
        }
    }

    @Test
    void livenessIsUp() {
        given().when().get(management + "health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentIsServedOnThePublicPortUnderTheServicesTitle() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo(openApiTitle()))
                .body("paths.keySet()", hasItem(aPublishedPath()));
    }

    @Test
    void metricsAreServedOnTheManagementPort() {
        ValidatableResponse metrics = given().when().get(management + "metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        for (String metric : ownMetrics()) {
            metrics.body(containsString(metric));
        }
    }

    @Test
    void thePublicPortServesNoHealthAndNoMetrics() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started",
                "/q/metrics", "/api/%2e%2e/q/metrics")) {
            given().urlEncodingEnabled(false).when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404))
                    .body(not(containsString("checks")))
                    .body(not(containsString("jvm_")));
        }
    }
}

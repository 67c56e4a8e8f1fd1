package io.rubrix.query;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import static io.restassured.RestAssured.given;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ServiceHealthContract;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class HealthTest extends ServiceHealthContract {

    @Override
    protected String openApiTitle() {
        return "Rubrix query-service";
    }

    @Override
    protected String aPublishedPath() {
        return "/api/me";
    }

    @Override
    protected Set<String> readinessWaitsFor() {
        return Set.of("Elasticsearch");
    }

    /** {@code /api/_info} answers without a token, so its request is counted whatever ran before. */
    @Test
    void requestsOnThePublicPortAreCounted() {
        given().when().get("/api/_info").then().statusCode(200);

        given().when().get(management + "metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{[^}]*uri=\"/api/_info\"[^}]*} .*"));
    }
}

package io.rubrix.annotation;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** No caller's name or id reaches Elasticsearch as an index pattern or a path of its own. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class NamesOnEveryRouteTest {

    private static final String NAME = "sec-zz*%2Crubrix-test-annotation.records.team-a.sec-a";

    @Test
    void aDatasetNameWithAPatternIsA422NamingTheRuleOnEveryRoute() {
        refused(as().header("If-Match", "\"1.1\"").body("{\"annotation\":{\"labels\":[{\"class\":\"a\"}]}}")
                .put("/api/datasets/" + NAME + "/TextClassification/records/r1/annotation"));
        refused(as().get("/api/datasets/" + NAME + "/TextClassification/records/r1/annotation"));
        refused(as().get("/api/datasets/" + NAME + "/TextClassification/records/r1/history"));
        refused(as().body("{\"ids\":[\"r1\"],\"status\":\"Discarded\"}")
                .post("/api/datasets/" + NAME + "/TextClassification/bulk-annotations"));
        refused(as().body("{\"ids\":[\"r1\"]}").post("/api/datasets/" + NAME + "/TextClassification/bulk-deletions"));
        refused(as().body("{\"labels\":[\"a\"]}").put("/api/datasets/" + NAME + "/settings"));
        refused(as().post("/api/datasets/" + NAME + "/settings/schema-from-records"));
    }

    @Test
    void aJobIdIsOneSegmentOfItsOwnIndexNeverAPath() {
        // dots and slashes are resolved by the HTTP server before routing: no job route, a 404
        for (String path : List.of("..%2F..%2F_cluster%2Fhealth", "..", "%2E%2E")) {
            as().get("/api/jobs/" + path).then().statusCode(404).contentType("application/problem+json");
        }
        for (String id : List.of("*", "a%2Cb", "x%3Fpretty", "_all", "a%20b")) {
            as().get("/api/jobs/" + id).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", startsWith("No job '"));
        }
    }

    private static void refused(Response response) {
        response.then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("detail", containsString("does not match ^(?!-|_)[a-z0-9-_]+$"));
    }

    private static RequestSpecification as() {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("root", Roles.ADMIN, "team-b"))
                .contentType(ContentType.JSON);
    }
}

package io.rubrix.query;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SecurityAndInfoTest {

    @Test
    void withoutTokenTheCallerGets401AsProblemJson() {
        given().when().get("/api/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", containsString("bearer token"));
    }

    @Test
    void aTokenSignedByAnotherKeyGets401() {
        given().auth().oauth2(TestTokens.forged("mallory")).when().get("/api/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void withATokenTheCallerSeesItselfAndItsWorkspaces() {
        given().auth().oauth2(TestTokens.withRole("ana", Roles.ANNOTATOR, "team-b", "team-a"))
                .when().get("/api/me")
                .then().statusCode(200)
                .body("username", equalTo("ana"))
                .body("email", equalTo("ana@example.com"))
                .body("full_name", equalTo("Ana Tester"))
                .body("user_groups", contains("team-a", "team-b"))
                .body("roles", contains(Roles.ANNOTATOR));
    }

    @Test
    void infoIsOpenAndStatusReportsElasticsearch() {
        given().when().get("/api/_info")
                .then().statusCode(200).body("rubrix_version", notNullValue());

        given().auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .when().get("/api/_status")
                .then().statusCode(200)
                .body("elasticsearch.status", org.hamcrest.Matchers.anyOf(equalTo("green"), equalTo("yellow")))
                .body("mem_info.heap_max", notNullValue());
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .when().get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theRubrixClientFindsTheOpenApiDocumentWhereItLooks() {
        given().when().get("/api/docs/spec.json")
                .then().statusCode(200)
                .contentType(containsString("json"))
                .body("openapi", startsWith("3."))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/_info"));
    }
}

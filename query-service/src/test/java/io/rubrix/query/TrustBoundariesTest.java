package io.rubrix.query;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** Workspaces come from one trusted claim, and no caller's name reaches Elasticsearch as a pattern. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class TrustBoundariesTest {

    /** What Keycloak puts in a token asked for {@code scope=openid microprofile-jwt}: realm roles in {@code groups}. */
    @Test
    void rolesInTheGroupsClaimAreNeverWorkspaces() {
        String token = TestTokens.withClaims("ana", Set.of(Roles.ANNOTATOR, "offline_access"), Map.of(
                "groups", List.of("annotator", "offline_access", "team-b"),
                "rubrix_workspaces", List.of("team-a", "annotator")));

        given().auth().oauth2(token).get("/api/me")
                .then().statusCode(200)
                .body("user_groups", contains("team-a"));
        given().auth().oauth2(token).queryParam("workspace", "offline_access").get("/api/datasets")
                .then().statusCode(404);
        given().auth().oauth2(token).queryParam("workspace", "team-b").get("/api/datasets")
                .then().statusCode(404);
    }

    @Test
    void aPersonsNotebookKeyActsAsThatPerson() {
        String token = TestTokens.withClaims("service-account-rubrix-notebook-ana", Set.of(Roles.ANNOTATOR), Map.of(
                "rubrix_person", "ana", "rubrix_workspaces", List.of("team-a")));

        given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                .body("username", equalTo("ana")).body("user_groups", contains("team-a"));
    }

    @Test
    void aCallerWithoutTheWorkspacesClaimWorksInAPersonalWorkspaceOnly() {
        String token = TestTokens.withClaims("bob", Set.of(Roles.ANNOTATOR), Map.of("groups", List.of("team-a")));

        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("user_groups", contains("bob"));
    }

    @Test
    void aDatasetNameWithAPatternOrAnIndexIsA422NamingTheRuleOnEveryReadRoute() {
        String name = "sec-zz*%2C" + TestIndexPrefix.VALUE + ".records.team-a.sec-a";
        String search = "{\"sort\":[{\"field\":\"metadata.missing\",\"order\":\"asc\"}]}";
        refused(as().get("/api/datasets/" + name));
        refused(as().body(search).post("/api/datasets/" + name + "/TextClassification:search"));
        refused(as().body("{}").post("/api/datasets/" + name + "/TextClassification:summary"));
        refused(as().body("{\"interval\":\"1d\"}").post("/api/datasets/" + name + "/TextClassification:series"));
        refused(as().body("{}").post("/api/datasets/" + name + "/TextClassification/data"));
        refused(as().get("/api/datasets/" + name + "/snapshots"));
        refused(as().get("/api/datasets/" + name + "/snapshots/20261128t100000-bbbbbbbb"));
        refused(as().get("/api/datasets/" + name + "/snapshots/20261128t100000-bbbbbbbb/data"));
        refused(as().get("/api/datasets/*"));
        refused(as().get("/api/datasets/Upper"));
    }

    @Test
    void aSnapshotIdThatIsNotOneIsNotFound() {
        for (String id : List.of("*", "..", "a%2Cb", "x.y")) {
            as().get("/api/datasets/news/snapshots/" + id).then().statusCode(404)
                    .body("detail", not(containsString(TestIndexPrefix.VALUE)));
        }
    }

    private static void refused(Response response) {
        response.then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("detail", containsString("does not match ^(?!-|_)[a-z0-9-_]+$"));
    }

    private static io.restassured.specification.RequestSpecification as() {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b"))
                .contentType(ContentType.JSON);
    }
}

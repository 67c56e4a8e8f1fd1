package io.rubrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.security.VerifiedTokens;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/**
 * A bearer token is verified once and its identity reused for its next requests (ADR 0009, "Verified tokens"): each
 * request still acts as itself, and a token whose signature differs, or is signed by another key, is verified (and
 * refused) as before.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class VerifiedTokensRequestTest {

    @Inject
    VerifiedTokens tokens;

    @Test
    void aTokenVerifiedOnceServesItsNextRequestsEachAsItself() {
        String token = TestTokens.withRole("vera", Roles.ANNOTATOR, "team-a");

        given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                .body("username", equalTo("vera")).body("user_groups", contains("team-a"));
        assertThat(tokens.identity(token)).as("kept once verified").isPresent();
        long reused = tokens.reused();

        given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                .body("username", equalTo("vera")).body("user_groups", contains("team-a"));
        given().auth().oauth2(token).queryParam("workspace", "team-a").get("/api/datasets").then().statusCode(200);
        given().auth().oauth2(token).queryParam("workspace", "team-b").get("/api/datasets").then().statusCode(404);
        String ingest = TestTokens.withRole("pipeline", Roles.INGEST, "team-a");
        given().auth().oauth2(ingest).get("/api/me").then().statusCode(200);
        given().auth().oauth2(ingest).contentType("application/json").body("{}")
                .post("/api/datasets/anything/TextClassification:agreement").then().statusCode(403);

        assertThat(tokens.reused() - reused).as("requests answered without verifying the token again")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void aTokenThatDiffersFromAVerifiedOneIsVerifiedAndRefused() {
        String token = TestTokens.withRole("walt", Roles.ADMIN, "team-a");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        // a character in the middle of the signature: its 6 bits all count (the last one's spare bits do not)
        int middle = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A')
                + token.substring(middle + 1);

        given().auth().oauth2(tampered).get("/api/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("walt")).get("/api/me").then().statusCode(401);
        assertThat(tokens.identity(tampered)).isEmpty();
    }

    @Test
    void twoPeoplesTokensAreEachTheirOwn() {
        String ana = TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a");
        String bob = TestTokens.withRole("bob", Roles.ANNOTATOR, "team-b");

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(ana).get("/api/me").then().statusCode(200).body("username", equalTo("ana"))
                    .body("user_groups", contains("team-a"));
            given().auth().oauth2(bob).get("/api/me").then().statusCode(200).body("username", equalTo("bob"))
                    .body("user_groups", contains("team-b"));
        }
    }
}

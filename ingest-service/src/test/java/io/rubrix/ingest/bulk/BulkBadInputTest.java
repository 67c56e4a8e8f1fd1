package io.rubrix.ingest.bulk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.common.security.Roles;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;

/** Records Elasticsearch would refuse, or that cannot be answered back, are refused one by one (issue 25). */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkBadInputTest {

    private static final String PREFIX = "rubrix-test-ingest";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".bad-*");
    }

    @Test
    void anIdTooLongOrNotAnIntegerIsRefusedAndTheOtherRecordsAreIndexed() {
        String longId = "x".repeat(513);
        String body = "{\"records\":[{\"id\":\"" + longId + "\",\"inputs\":{\"text\":\"a\"}},"
                + "{\"id\":1.5,\"inputs\":{\"text\":\"b\"}},"
                + "{\"id\":123456789012345678901234567890,\"inputs\":{\"text\":\"c\"}},"
                + "{\"id\":7,\"inputs\":{\"text\":\"ok\"}}]}";

        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body(body).post("/api/datasets/bad-ids/TextClassification:bulk")
                .then().statusCode(200)
                .body("processed", equalTo(1)).body("failed", equalTo(3))
                .body("errors[0].index", equalTo(0)).body("errors[0].field", equalTo("id"))
                .body("errors[0].reason", equalTo("is 513 bytes long; at most 512 (UTF-8)"))
                .body("errors[1].index", equalTo(1)).body("errors[1].field", equalTo("id"))
                .body("errors[1].reason", containsString("a string or an integer, not 1.5"))
                .body("errors[1].reason", not(containsString("java")))
                .body("errors[2].index", equalTo(2)).body("errors[2].field", equalTo("id"));

        assertThat(es.count(PREFIX + ".records.team-a.bad-ids")).isEqualTo(1);
        assertThat(es.source(PREFIX + ".records.team-a.bad-ids", "7").get("id").asInt()).isEqualTo(7);
    }

    @Test
    void aSnapshotOfAQueryElasticsearchCannotParseIsA400() {
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body("{\"records\":[{\"id\":1,\"inputs\":{\"text\":\"a\"}}]}")
                .post("/api/datasets/bad-snap/TextClassification:bulk").then().statusCode(200);

        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body("{\"query\":{\"query_text\":\"a AND (\"}}").post("/api/datasets/bad-snap/snapshots")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString(PREFIX)));
    }
}

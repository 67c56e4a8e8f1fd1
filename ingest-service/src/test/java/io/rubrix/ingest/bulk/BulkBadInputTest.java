package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

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

    @Test
    void labelsPastTheLimitsAndAnEntityScoreAboveOneAreRefusedPerRecord() {
        String manyLabels = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> "{\"class\":\"l" + i + "\",\"confidence\":0.0}").collect(java.util.stream.Collectors.joining(","));
        String body = "{\"records\":[{\"id\":1,\"inputs\":{\"text\":\"a\"},\"prediction\":{\"agent\":\"m\",\"labels\":["
                + "{\"class\":\"" + "x".repeat(1001) + "\",\"confidence\":0.5}]}},"
                + "{\"id\":2,\"inputs\":{\"text\":\"b\"},\"multi_label\":true,\"prediction\":{\"agent\":\"m\",\"labels\":["
                + manyLabels + "]}},"
                + "{\"id\":3,\"inputs\":{\"text\":\"ok\"}}]}";
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body(body).post("/api/datasets/bad-labels/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1)).body("failed", equalTo(2))
                .body("errors[0].field", equalTo("prediction.labels[0].class"))
                .body("errors[0].reason", equalTo("is 1001 characters long; a label has at most 1000"))
                .body("errors[1].field", equalTo("prediction.labels"))
                .body("errors[1].reason", equalTo("has 1001 labels; at most 1000 are allowed"));

        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body("{\"records\":[{\"id\":1,\"tokens\":[\"Ada\",\"wrote\"],\"raw_text\":\"Ada wrote\","
                        + "\"prediction\":{\"agent\":\"m\",\"entities\":[{\"start\":0,\"end\":3,\"label\":\"PER\",\"score\":7}]}},"
                        + "{\"id\":2,\"tokens\":[\"Ada\"],\"raw_text\":\"Ada\","
                        + "\"prediction\":{\"agent\":\"m\",\"entities\":[{\"start\":0,\"end\":3,\"label\":\"PER\",\"score\":0.9}]}}]}")
                .post("/api/datasets/bad-spans/TokenClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1)).body("failed", equalTo(1))
                .body("errors[0].field", equalTo("prediction.entities[0].score"))
                .body("errors[0].reason", equalTo("7.0 is outside [0, 1]"));
        assertThat(es.source(PREFIX + ".records.team-a.bad-spans", "2").path("prediction").path("entities").path(0)
                .path("score").asDouble()).isEqualTo(0.9);
    }

    @Test
    void aDatasetKeepsAtMostAHundredTagsAndMetadataKeys() {
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body("{\"tags\":{\"model\":\"v1\"},\"records\":[{\"id\":1,\"inputs\":{\"text\":\"a\"}}]}")
                .post("/api/datasets/bad-keys/TextClassification:bulk").then().statusCode(200);
        java.util.Map<String, Object> metadata = new java.util.HashMap<>();
        for (int i = 0; i < 101; i++) {
            metadata.put("k" + i, i);
        }
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body(java.util.Map.of("metadata", metadata)).patch("/api/datasets/bad-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("metadata"))
                .body("errors[0].reason", equalTo(
                        "the dataset would have 101 keys here; at most 100 are allowed (rubrix.limits.dataset-keys)"));
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body("{}xyz").patch("/api/datasets/bad-keys").then().statusCode(400);
        assertThat(es.source(PREFIX + ".datasets", "team-a.bad-keys").path("metadata").size()).isZero();
        assertThat(es.source(PREFIX + ".datasets", "team-a.bad-keys").path("tags").path("model").asText()).isEqualTo("v1");
    }
}

package io.rubrix.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** A dataset delete that Elasticsearch interrupts half way can be sent again, and then removes everything. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(RefusingElasticsearchResource.class)
class InterruptedDeleteTest {

    private static final String PREFIX = "rubrix-test-ingest";
    private static final String DATASETS = PREFIX + ".datasets";
    private static final String RECORDS = PREFIX + ".records.team-a.halfway";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @Test
    void aDeleteRefusedBeforeItsDescriptorIsGoneCanBeSentAgain() {
        es.deleteIndices(PREFIX + ".*");
        as(Roles.ADMIN).body(Map.of("records", List.of(Map.of("id", "1", "inputs", Map.of("text", "one")),
                Map.of("id", "2", "inputs", Map.of("text", "two"), "status", "Validated", "annotation",
                        Map.of("agent", "ana", "labels", List.of(Map.of("class", "A", "confidence", 1.0)))))))
                .post("/api/datasets/halfway/TextClassification:bulk").then().statusCode(200);
        as(Roles.ADMIN).post("/api/datasets/halfway/snapshots").then().statusCode(200).body("count", equalTo(1));

        RefusingElasticsearchResource.refuseOnce("DELETE", "/" + DATASETS + "/_doc/team-a.halfway");
        as(Roles.ADMIN).delete("/api/datasets/halfway").then().statusCode(503)
                .body("status", equalTo(503));

        assertThat(exists("/" + RECORDS)).as("the records went first").isFalse();
        assertThat(es.source(DATASETS, "team-a.halfway")).as("the descriptor stays, so the dataset is still listed")
                .isNotNull();

        as(Roles.ADMIN).delete("/api/datasets/halfway").then().statusCode(200);

        assertThat(es.send("GET", "/" + DATASETS + "/_doc/team-a.halfway", null).path("found").asBoolean(true)).isFalse();
        assertThat(es.send("POST", "/" + PREFIX + ".snapshots/_count?q=dataset:halfway", null).path("count").asInt(-1))
                .as("its snapshots are gone too").isZero();
        assertThat(es.send("GET", "/" + PREFIX + ".snapshot-data.team-a.halfway.*", null).size())
                .as("and their rows").isZero();
        as(Roles.INGEST).body(Map.of("records", List.of(Map.of("id", "3", "inputs", Map.of("text", "three")))))
                .post("/api/datasets/halfway/TextClassification:bulk").then().statusCode(200);
        assertThat(es.visibleCount(RECORDS)).as("logged again under the name, it starts empty").isEqualTo(1);
    }

    private boolean exists(String path) {
        return !es.send("GET", path, null).has("error");
    }

    private static RequestSpecification as(String role) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("someone", role, "team-a"))
                .contentType(ContentType.JSON);
    }
}

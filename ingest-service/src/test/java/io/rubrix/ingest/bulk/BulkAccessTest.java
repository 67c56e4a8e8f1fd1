package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;
import static io.rubrix.ingest.bulk.BulkRequests.DATASETS;
import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.RECORDS;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** Who may log records, and into which workspace. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkAccessTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void viewersMayNotLogAndAnonymousCallersAreAskedToLogIn() {
        as(Roles.VIEWER).body(Map.of("records", List.of())).post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().contentType(ContentType.JSON).body(Map.of("records", List.of()))
                .post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Unauthorized"));

        assertThat(es.source(DATASETS, "team-a.news").isMissingNode()).isTrue();
    }

    @Test
    void annotatorsAndAdminsMayLog() {
        as(Roles.ANNOTATOR).body(Map.of("records", List.of(textRecord("a1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/by-annotator/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1));
        as(Roles.ADMIN).body(Map.of("records", List.of(textRecord("a2", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/by-annotator/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1));

        assertThat(es.count(RECORDS + "by-annotator")).isEqualTo(2);
    }

    @Test
    void aRequestMayNameOneOfItsWorkspacesButNotAnother() {
        given().auth().oauth2(TestTokens.withRole("multi", Roles.INGEST, "team-a", "team-b"))
                .contentType(ContentType.JSON).queryParam("workspace", "team-b")
                .body(Map.of("records", List.of(textRecord("w1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/shared/TextClassification:bulk").then().statusCode(200);
        assertThat(es.count(PREFIX + ".records.team-b.shared")).isEqualTo(1);

        given().auth().oauth2(TestTokens.withRole("multi", Roles.INGEST, "team-a"))
                .contentType(ContentType.JSON).header("X-Rubrix-Workspace", "team-c")
                .body(Map.of("records", List.of()))
                .post("/api/datasets/shared/TextClassification:bulk").then().statusCode(404);
    }
}

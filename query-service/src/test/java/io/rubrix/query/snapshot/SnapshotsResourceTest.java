package io.rubrix.query.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SnapshotsResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final String OLD = "20261101t100000-aaaaaaaa";
    private static final String NEW = "20261128t100000-bbbbbbbb";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void twoSnapshotsOfNewsInTeamAAndOneInTeamB() {
        es.deleteIndices(PREFIX + ".*");
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        es.send("PUT", "/" + LAYOUT.snapshotsIndex(), templates.snapshotsIndex());
        descriptor("team-a", OLD, "2026-11-01T10:00:00Z", 1);
        descriptor("team-a", NEW, "2026-11-28T10:00:00Z", 3);
        descriptor("team-b", NEW, "2026-11-28T10:00:00Z", 9);
        String data = LAYOUT.snapshotDataIndex("team-a", "news", NEW);
        es.send("PUT", "/" + data, templates.snapshotDataIndex());
        StringBuilder bulk = new StringBuilder();
        for (int row : List.of(2, 0, 1)) {
            bulk.append("{\"index\":{\"_index\":\"").append(data).append("\"}}\n")
                    .append("{\"row_number\":").append(row).append(",\"row\":{\"id\":\"r").append(row)
                    .append("\",\"text\":\"t").append(row).append("\",\"labels\":\"A\"}}\n");
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void listsTheDatasetsSnapshotsNewestFirst() {
        as("team-a").get("/api/datasets/news/snapshots").then().statusCode(200)
                .body("id", contains(NEW, OLD))
                .body("[0].count", equalTo(3))
                .body("[0].uri", equalTo("/api/datasets/news/snapshots/" + NEW + "/data"))
                .body("[0].task", equalTo("TextClassification"));
        as("team-a").get("/api/datasets/news/snapshots/" + OLD).then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void streamsTheRowsInTheirOrder() {
        String ndjson = as("team-a").get("/api/datasets/news/snapshots/" + NEW + "/data")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();

        assertThat(ndjson.strip().split("\n")).containsExactly(
                "{\"id\":\"r0\",\"text\":\"t0\",\"labels\":\"A\"}",
                "{\"id\":\"r1\",\"text\":\"t1\",\"labels\":\"A\"}",
                "{\"id\":\"r2\",\"text\":\"t2\",\"labels\":\"A\"}");
    }

    @Test
    void unknownSnapshotsAndOtherWorkspacesAreNotFoundButADeletedDatasetsSnapshotsStay() {
        as("team-a").get("/api/datasets/news/snapshots/nope").then().statusCode(404).contentType("application/problem+json");
        as("team-a").get("/api/datasets/news/snapshots/nope/data").then().statusCode(404);
        as("team-c").get("/api/datasets/news/snapshots").then().statusCode(404)
                .body("detail", equalTo("Dataset 'news' not found in workspace 'team-c'"));
        as("team-b").get("/api/datasets/news/snapshots").then().statusCode(200).body("[0].count", equalTo(9));
    }

    @Test
    void aDatasetWithoutSnapshotsHasAnEmptyList() {
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-c.fresh?refresh=true", Map.of("name", "fresh",
                "workspace", "team-c", "owner", "team-c", "task", "TextClassification",
                "created_at", "2026-11-28T10:00:00Z", "last_updated", "2026-11-28T10:00:00Z"));
        as("team-c").get("/api/datasets/fresh/snapshots").then().statusCode(200).body("$", hasSize(0));
    }

    private void descriptor(String workspace, String id, String created, int count) {
        es.send("PUT", "/" + LAYOUT.snapshotsIndex() + "/_doc/" + workspace + ".news." + id + "?refresh=true",
                Map.of("id", id, "format", "json", "uri", "/api/datasets/news/snapshots/" + id + "/data",
                        "task", "TextClassification", "creation_date", created, "dataset", "news",
                        "workspace", workspace, "count", count));
    }

    private static RequestSpecification as(String workspace) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, workspace));
    }
}

package io.rubrix.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/** Past Elasticsearch's 10,000 window: the cursor reaches every record once, the offset is refused there. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class DeepPagingTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final int RECORDS = 12_345;

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @Test
    void theCursorReturnsEveryOneOf12345RecordsExactlyOnce() {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a.big?refresh=true",
                Map.of("name", "big", "task", "TextClassification", "workspace", "team-a", "owner", "team-a"));
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", "big")).append("\",\"_id\":\"r")
                    .append(i).append("\"}}\n{\"id\":\"r").append(i).append("\",\"status\":\"Default\",\"score\":")
                    .append((i * 7919 % 1000) / 1000.0).append(",\"inputs\":{\"text\":\"record ").append(i).append("\"}}\n");
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());

        Set<String> seen = new HashSet<>();
        int pages = 0;
        double previous = Double.MAX_VALUE;
        String cursor = null;
        do {
            Map<String, Object> body = new HashMap<>(Map.of("sort", List.of(Map.of("field", "confidence", "order", "desc"))));
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            JsonPath page = given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                    .contentType(ContentType.JSON).queryParam("limit", 1000).body(body)
                    .post("/api/datasets/big/TextClassification:search").then().statusCode(200).extract().jsonPath();
            assertThat(page.getLong("total")).isEqualTo(RECORDS);
            for (Map<String, Object> record : page.<Map<String, Object>>getList("records")) {
                assertThat(seen.add((String) record.get("id"))).as("seen once: %s", record.get("id")).isTrue();
            }
            List<Float> confidences = page.getList("records.collect { it.id.substring(1).toInteger() * 7919 % 1000 / 1000.0 }",
                    Float.class);
            for (Float confidence : confidences) {
                assertThat(confidence.doubleValue()).isLessThanOrEqualTo(previous + 1e-9);
                previous = confidence;
            }
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(seen).hasSize(RECORDS);
        assertThat(pages).isEqualTo(13);
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .contentType(ContentType.JSON).queryParam("from", 10_000).queryParam("limit", 1).body(Map.of())
                .post("/api/datasets/big/TextClassification:search").then().statusCode(400);
    }
}

package io.rubrix.query.search;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/**
 * Numeric metadata as range filters, over the real Elasticsearch and the index template's dynamic mapping: {@code price}
 * is mapped as a float (its first value is 1.5), {@code pages} as a long, {@code split} as a keyword.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class MetadataRangesTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final String SHOP = "ranges-shop";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void sixRecordsWithAPriceAndPages() {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), new IndexTemplates(LAYOUT, 0).datasetsIndex());
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a." + SHOP + "?refresh=true",
                Map.of("name", SHOP, "task", "TextClassification", "workspace", "team-a", "owner", "team-a"));
        StringBuilder bulk = new StringBuilder();
        for (Map<String, Object> record : List.of(
                record("r1", 1.5, 1, "train", "Validated"),
                record("r2", 3.25, 5, "train", null),
                record("r3", 10.0, 2, "test", "Validated"),
                record("r4", 99.5, 5, "test", null),
                record("r5", null, 3, "train", "Discarded"),
                record("r6", 0.1, 12, "test", null))) {
            TextClassificationRecord parsed = json.convertValue(record, TextClassificationRecord.class)
                    .stampedAt(Instant.parse("2026-12-01T10:00:00Z"));
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", SHOP))
                    .append("\",\"_id\":\"").append(parsed.id()).append("\"}}\n")
                    .append(RecordDocument.json(json, parsed)).append('\n');
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void aRangeSelectsTheRecordsWithinItsBoundsEitherSideOpenOrNot() {
        search(Map.of("price", Map.of("gte", 1.5, "lt", 10))).body("total", equalTo(2))
                .body("records.id", containsInAnyOrder("r1", "r2"))
                .body("aggregations.status.Validated", equalTo(1)).body("aggregations.status.Default", equalTo(1));
        search(Map.of("price", Map.of("gt", 1.5, "lte", 10))).body("records.id", containsInAnyOrder("r2", "r3"));
        search(Map.of("price", Map.of("gte", 10))).body("total", equalTo(2)).body("records.id", containsInAnyOrder("r3", "r4"));
        search(Map.of("price", Map.of("lt", 1.5))).body("records.id", containsInAnyOrder("r6"));
        search(Map.of("price", Map.of("gte", 200))).body("total", equalTo(0));
        // a decimal bound on a whole-number field: 2, 3, 5, 5
        search(Map.of("pages", Map.of("gte", 1.5, "lte", 5))).body("records.id", containsInAnyOrder("r2", "r3", "r4", "r5"));
        // beside Rubrix's value filter, AND-ed
        search(Map.of("price", Map.of("lte", 10), "split", "train")).body("records.id", containsInAnyOrder("r1", "r2"));
    }

    @Test
    void aRangeThatIsNoneOrOnAFieldWithoutNumbersIsA400NamingTheField() {
        refused(Map.of("price", Map.of("gte", "cheap")), "query.metadata.price", "gte must be a number, not \"cheap\"");
        refused(Map.of("price", Map.of("from", 1)), "query.metadata.price", "'from' is not one of gte, gt, lte, lt");
        refused(Map.of("price", Map.of("gte", 10, "lte", 1)), "query.metadata.price",
                "the lower bound (10) is above the upper bound (1)");
        refused(Map.of("split", Map.of("gte", 1)), "query.metadata.split",
                "a range needs a numeric field; split is a keyword field in this dataset");
        refused(Map.of("colour", Map.of("gte", 1)), "query.metadata.colour",
                "a range needs a numeric field; this dataset has no metadata field colour");
    }

    @Test
    void numericFieldsAnswerMinMaxAndAHistogramOverTheDatasetsRangeBesideTheirValueCounts() {
        ValidatableResponse all = search(Map.of());
        // numbers keep their value counts, which v0.1 clients read
        all.body("aggregations.metadata.split.train", equalTo(3)).body("aggregations.metadata.pages.'5'", equalTo(2));
        all.body("aggregations.metadata_ranges", not(hasKey("split")))
                .body("aggregations.metadata_ranges.price.min", closeTo(0.1, 1e-9))
                .body("aggregations.metadata_ranges.price.max", closeTo(99.5, 1e-9))
                .body("aggregations.metadata_ranges.price.count", equalTo(5))
                .body("aggregations.metadata_ranges.price.histogram", hasSize(HistogramEdges.BUCKETS))
                .body("aggregations.metadata_ranges.price.histogram[0].from", closeTo(0.1, 1e-9))
                .body("aggregations.metadata_ranges.price.histogram[0].to", closeTo(0.1 + 99.4 / 12, 1e-5))
                .body("aggregations.metadata_ranges.price.histogram.count", equalTo(List.of(3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)))
                .body("aggregations.metadata_ranges.price.histogram[11].to", closeTo(99.5, 1e-9));
        // whole numbers a whole number wide: 1, 2, 3, 5, 5, 12 in [1, 2), [2, 3), ... [12, 13)
        all.body("aggregations.metadata_ranges.pages.min", equalTo(1))
                .body("aggregations.metadata_ranges.pages.max", equalTo(12))
                .body("aggregations.metadata_ranges.pages.count", equalTo(6))
                .body("aggregations.metadata_ranges.pages.histogram.from", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)))
                .body("aggregations.metadata_ranges.pages.histogram.count", equalTo(List.of(1, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0, 1)))
                .body("aggregations.metadata_ranges.pages.histogram[11].to", equalTo(13));

        // the query's records only, the bars where they were: Validated are r1 (1.5) and r3 (10)
        as().body(Map.of("query", Map.of("status", List.of("Validated"))))
                .post("/api/datasets/" + SHOP + "/TextClassification:search").then().statusCode(200)
                .body("aggregations.metadata_ranges.price.min", closeTo(1.5, 1e-9))
                .body("aggregations.metadata_ranges.price.max", closeTo(10, 1e-9))
                .body("aggregations.metadata_ranges.price.count", equalTo(2))
                .body("aggregations.metadata_ranges.price.histogram[0].from", closeTo(0.1, 1e-9))
                .body("aggregations.metadata_ranges.price.histogram.count", equalTo(List.of(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        // none of the records has a price: no min or max, the dataset's bars all empty
        as().body(Map.of("query", Map.of("ids", List.of("r5"))))
                .post("/api/datasets/" + SHOP + "/TextClassification:search").then().statusCode(200)
                .body("aggregations.metadata_ranges.price.min", nullValue())
                .body("aggregations.metadata_ranges.price.count", equalTo(0))
                .body("aggregations.metadata_ranges.price.histogram.count", equalTo(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void withMultiSelectFacetsARangeFacetIsCountedOverTheOtherFacetsFiltersOnly() {
        Map<String, Object> query = Map.of("status", List.of("Validated"), "metadata", Map.of("price", Map.of("gte", 1.5, "lt", 10)));

        as().queryParam("facets", "multi").body(Map.of("query", query))
                .post("/api/datasets/" + SHOP + "/TextClassification:search").then().statusCode(200)
                .body("total", equalTo(1)).body("records.id", containsInAnyOrder("r1"))
                // status over the price range: r1 Validated, r2 Default
                .body("aggregations.status.Validated", equalTo(1)).body("aggregations.status.Default", equalTo(1))
                // price over Validated, not over its own range: r1 (1.5) and r3 (10)
                .body("aggregations.metadata_ranges.price.min", closeTo(1.5, 1e-9))
                .body("aggregations.metadata_ranges.price.max", closeTo(10, 1e-9))
                .body("aggregations.metadata_ranges.price.count", equalTo(2))
                .body("aggregations.metadata_ranges.price.histogram.count", equalTo(List.of(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
                .body("aggregations.metadata.price.keySet()", hasSize(2))
                // pages over both filters: r1 alone
                .body("aggregations.metadata_ranges.pages.min", equalTo(1))
                .body("aggregations.metadata_ranges.pages.max", equalTo(1))
                .body("aggregations.metadata_ranges.pages.count", equalTo(1));
    }

    private ValidatableResponse search(Map<String, Object> metadata) {
        Map<String, Object> query = metadata.isEmpty() ? Map.of() : Map.of("metadata", metadata);
        return as().body(Map.of("query", query)).post("/api/datasets/" + SHOP + "/TextClassification:search")
                .then().statusCode(200);
    }

    private void refused(Map<String, Object> metadata, String field, String reason) {
        as().body(Map.of("query", Map.of("metadata", metadata))).post("/api/datasets/" + SHOP + "/TextClassification:search")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].reason", equalTo(reason))
                .body("detail", containsString(field));
    }

    private static Map<String, Object> record(String id, Double price, int pages, String split, String status) {
        Map<String, Object> metadata = new HashMap<>(Map.of("pages", pages, "split", split));
        if (price != null) {
            metadata.put("price", price);
        }
        Map<String, Object> record = new HashMap<>(Map.of("id", id, "inputs", Map.of("text", "item " + id),
                "metadata", metadata,
                "prediction", Map.of("agent", "m", "labels", List.of(Map.of("class", "cheap", "confidence", 0.7)))));
        if (status != null) {
            record.put("status", status);
        }
        return record;
    }

    private static io.restassured.specification.RequestSpecification as() {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .contentType(ContentType.JSON);
    }
}

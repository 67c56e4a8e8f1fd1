package io.rubrix.query;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** Inputs that answered 500 before (issue 25): each is a 4xx with a reason, as problem+json. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BadInputTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void aDataset() {
        es.deleteIndices(PREFIX + ".*");
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), templates.recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), templates.datasetsIndex());
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a.bad?refresh=true",
                Map.of("name", "bad", "task", "TextClassification", "workspace", "team-a", "owner", "team-a"));
        es.send("PUT", "/" + LAYOUT.recordsIndex("team-a", "bad") + "/_doc/r1?refresh=true",
                Map.of("id", "r1", "inputs", Map.of("text", "hello"), "status", "Default"));
    }

    @Test
    void aQueryTextElasticsearchCannotParseIsA400OnEveryRouteThatTakesAQuery() {
        for (String text : List.of("(", "a AND (")) {
            Map<String, Object> query = Map.of("query_text", text);
            refused(as().body(Map.of("query", query)).post("/api/datasets/bad/TextClassification:search"));
            refused(as().body(Map.of("query", query)).post("/api/datasets/bad/TextClassification:summary"));
            refused(as().body(query).post("/api/datasets/bad/TextClassification/data"));
            refused(as().body(Map.of("query", query, "interval", "1d"))
                    .post("/api/datasets/bad/TextClassification:series"));
        }
    }

    @Test
    void aDateOutsideFourDigitYearsIsA400() {
        as().body(Map.of("interval", "1d", "from", "+999999999-01-01T00:00:00Z"))
                .post("/api/datasets/bad/TextClassification:series")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"))
                .body("detail", containsString("outside the years 0000 to 9999"));
    }

    @Test
    void oddNamesAreA422() {
        for (String name : List.of("bad%00", "..%5Cbad", "bad%20", "BAD")) {
            as().body(Map.of()).post("/api/datasets/" + name + "/TextClassification:search")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("name"));
        }
    }

    @Test
    void aBodyThatIsNotExactlyOneJsonObjectIsA400OnEveryRouteThatReadsOne() {
        Map<String, String> bodies = Map.of("{}xyz", "not valid JSON", "{} {}", "must be one JSON object",
                "null", "not null", "[]", "not an array", "\"str\"", "not a string", "1", "not a number");
        for (String path : List.of(":search", ":summary", "/data", ":series")) {
            bodies.forEach((body, reason) -> as().body(body).post("/api/datasets/bad/TextClassification" + path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(reason)));
        }
        // no body at all is still "every record"
        as().post("/api/datasets/bad/TextClassification:search").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aParameterThatIsNotANumberIsA400NamingIt() {
        as().body("{}").post("/api/datasets/bad/TextClassification:search?limit=abc")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"))
                .body("detail", equalTo("limit: 'abc' is not an integer"));
    }

    @Test
    void aClosedDatasetIsA409WhateverTheQuery() {
        es.send("POST", "/" + LAYOUT.datasetsIndex() + "/_update/team-a.bad?refresh=true",
                Map.of("doc", Map.of("closed", true)));
        es.send("POST", "/" + LAYOUT.recordsIndex("team-a", "bad") + "/_close", null);
        as().body(Map.of("query", Map.of("query_text", "hello")))
                .post("/api/datasets/bad/TextClassification:search")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("The dataset is closed; open it first"));
    }

    private static void refused(io.restassured.response.Response response) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString(PREFIX)))
                .body("detail", not(containsString("Exception")));
    }

    private static RequestSpecification as() {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a"))
                .contentType(ContentType.JSON);
    }
}

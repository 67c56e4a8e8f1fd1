package io.rubrix.annotation;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

/** Inputs that answered 500 before (issue 25): each is a 4xx with a reason, and nothing changes. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BadInputTest {

    private final TestDatasets data = new TestDatasets();

    @BeforeEach
    void aRecord() {
        data.reset().dataset("team-a", "news", Task.TextClassification, List.of())
                .records("team-a", "news", Task.TextClassification,
                        List.of(TestDatasets.news("r1", "Cup final tonight", "Sports", 0.9)));
    }

    @Test
    void aLabelLongerThanAnyLabelIsA400AndTheRecordIsUnchanged() {
        String path = "/api/datasets/news/TextClassification/records/r1/annotation";
        String version = as().get(path).then().statusCode(200).extract().path("version");

        as().header("If-Match", "\"" + version + "\"")
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "x".repeat(40_000))))))
                .put(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("annotation.labels[0].class"))
                .body("errors[0].reason", equalTo("is 40000 characters long; a label has at most 1000"))
                .body("detail", not(containsString(TestDatasets.PREFIX)));

        assertThat(data.stored("team-a", "news", "r1").has("annotation")).isFalse();
    }

    @Test
    void settingsWithoutLabelsOrWithTooManyAreA400AndTheSchemaStays() {
        String path = "/api/datasets/news/settings";
        admin().body(Map.of("labels", List.of("Sports", "Business"))).put(path).then().statusCode(200);

        for (String body : List.of("{\"labels\": null}", "{}", "{\"guidelines\": \"be kind\"}", "{}xyz", "null")) {
            admin().body(body).put(path).then().statusCode(400).contentType("application/problem+json");
        }
        admin().body("{\"labels\": null}").put(path).then()
                .body("errors[0].field", equalTo("labels"))
                .body("errors[0].reason", equalTo("is required: the label schema, or [] to allow any label"));
        List<String> many = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "label-" + i).toList();
        admin().body(Map.of("labels", many)).put(path).then().statusCode(400)
                .body("errors[0].reason", equalTo("has 1001 labels; a schema has at most 1000 (rubrix.limits.schema-labels)"));
        admin().body(Map.of("labels", List.of("x".repeat(1001)))).put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("labels[0]"));

        assertThat(data.es().source(TestDatasets.LAYOUT.datasetsIndex(), "team-a.news").path("settings").path("labels").toString())
                .isEqualTo("[\"Sports\",\"Business\"]");
    }

    private static RequestSpecification admin() {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("root", Roles.ADMIN, "team-a"))
                .contentType(ContentType.JSON);
    }

    @Test
    void aJobIdWithAnEncodedSlashIsNotFound() {
        as().get("/api/jobs/a%2Fb").then().statusCode(404).contentType("application/problem+json");
    }

    private static RequestSpecification as() {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a"))
                .contentType(ContentType.JSON);
    }
}

package io.rubrix.annotation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.record.Task;
import io.rubrix.common.security.Roles;
import io.rubrix.common.testing.TestTokens;

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
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString(TestDatasets.PREFIX)));

        assertThat(data.stored("team-a", "news", "r1").has("annotation")).isFalse();
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

package io.rubrix.ingest.bulk;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.testing.TestTokens;

/** What the tests of {@code :bulk} share: the test indices, a caller of team-a and a text record with a prediction. */
final class BulkRequests {

    static final String PREFIX = "rubrix-test-ingest";
    static final String RECORDS = PREFIX + ".records.team-a.";
    static final String DATASETS = PREFIX + ".datasets";

    private BulkRequests() {
    }

    /** A JSON request of model-bot, with {@code role} in team-a; the path goes as written (its colon unencoded). */
    static RequestSpecification as(String role) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("model-bot", role, "team-a"))
                .contentType(ContentType.JSON);
    }

    /** A text record predicted by zero-shot-v1 with two labels. */
    static Map<String, Object> textRecord(String id, String text, String l1, double c1, String l2, double c2) {
        return Map.of("id", id, "inputs", Map.of("text", text), "prediction", Map.of("agent", "zero-shot-v1",
                "labels", List.of(Map.of("class", l1, "confidence", c1), Map.of("class", l2, "confidence", c2))));
    }
}

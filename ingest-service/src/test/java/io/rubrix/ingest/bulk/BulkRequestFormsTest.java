package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;
import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.RECORDS;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** The forms a request may take: its colon percent-encoded, without refresh, in chunks sent at once. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkRequestFormsTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void aColonSentPercentEncodedReachesTheSameEndpoint() {
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body(Map.of("records", List.of(textRecord("e1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/encoded/TextClassification:bulk") // RestAssured sends the colon as %3A
                .then().statusCode(200).body("processed", equalTo(1));

        assertThat(es.count(RECORDS + "encoded")).isEqualTo(1);
    }

    @Test
    void refreshFalseSkipsWaitingForVisibility() {
        as(Roles.INGEST).queryParam("refresh", "false")
                .body(Map.of("records", List.of(textRecord("f1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/fast/TextClassification:bulk").then().statusCode(200).body("processed", equalTo(1));

        assertThat(es.count(RECORDS + "fast")).isEqualTo(1);
    }

    @Test
    void concurrentChunksWithTagsAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int chunk = 0; chunk < 8; chunk++) {
            List<Object> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                records.add(textRecord("c" + chunk + "-" + i, "text " + i, "A", 0.5, "B", 0.5));
            }
            Map<String, Object> body = Map.of("tags", Map.of("chunk", "c" + chunk), "records", records);
            answers.add(pool.submit(() -> as(Roles.INGEST).queryParam("refresh", "false").body(body)
                    .post("/api/datasets/parallel/TextClassification:bulk").then().statusCode(200)
                    .extract().path("processed")));
        }
        pool.shutdown();
        // Every request ends before any assertion, so that none runs on into the next test's fresh indices.
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int processed = 0;
        for (Future<Integer> answer : answers) {
            processed += answer.get();
        }

        assertThat(processed).isEqualTo(400);
        assertThat(es.count(RECORDS + "parallel")).isEqualTo(400);
    }
}

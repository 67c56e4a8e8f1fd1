package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import static io.restassured.RestAssured.given;
import static io.rubrix.ingest.bulk.BulkRequests.DATASETS;
import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.RECORDS;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.model.security.Roles;

/** What {@code :bulk} refuses: invalid records one by one, a malformed or oversized body as a whole. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkRefusalsTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void invalidRecordsAreListedAndValidOnesIndexed() {
        List<Object> records = List.of(
                textRecord("ok1", "fine", "A", 0.6, "B", 0.4),
                textRecord("bad-sum", "too sure", "A", 0.9, "B", 0.9),
                Map.of("id", "bad-inputs", "inputs", Map.of()),
                Map.of("id", "bad-type", "inputs", Map.of("t", "x"), "prediction",
                        Map.of("agent", "m", "labels", List.of(Map.of("class", "A", "confidence", "high")))),
                textRecord("ok2", "also fine", "A", 1.0, "B", 0.0));

        as(Roles.INGEST).body(Map.of("records", records)).post("/api/datasets/mixed/TextClassification:bulk")
                .then().statusCode(200)
                .body("processed", equalTo(2))
                .body("failed", equalTo(3))
                .body("errors", hasSize(3))
                .body("errors.index", contains(1, 2, 3))
                .body("errors.id", contains("bad-sum", "bad-inputs", "bad-type"))
                .body("errors.field", contains("prediction.labels", "inputs", "prediction.labels[0].confidence"))
                .body("errors[0].reason", containsString("sum to 1.8"))
                .body("errors[1].reason", equalTo("must have at least one input"));

        assertThat(es.count(RECORDS + "mixed")).isEqualTo(2);
        assertThat(es.source(RECORDS + "mixed", "ok2").get("id").asText()).isEqualTo("ok2");
    }

    @Test
    void ingestedAndRejectedRecordsAreCounted() {
        double ingestedBefore = metric("rubrix_ingest_records_total{source=\"http\"}");
        double rejectedBefore = metric("rubrix_ingest_records_rejected_total{source=\"http\"}");

        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("m1", "t", "A", 1.0, "B", 0.0),
                        Map.of("id", "m2", "inputs", Map.of()))))
                .post("/api/datasets/metered/TextClassification:bulk").then().statusCode(200);

        assertThat(metric("rubrix_ingest_records_total{source=\"http\"}") - ingestedBefore).isEqualTo(1.0);
        assertThat(metric("rubrix_ingest_records_rejected_total{source=\"http\"}") - rejectedBefore).isEqualTo(1.0);
    }

    @Test
    void aMalformedBodyIs400AndWritesNothing() {
        as(Roles.INGEST).body("{\"records\": [{\"id\": \"x\", ").post("/api/datasets/broken/TextClassification:bulk")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"));
        as(Roles.INGEST).body(Map.of("records", "not a list")).post("/api/datasets/broken/TextClassification:bulk")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("records"));

        assertThat(es.source(DATASETS, "team-a.broken").isMissingNode()).isTrue();
    }

    @Test
    void aBodyOverTheLimitIs413AndWritesNothing() {
        String text = "word ".repeat(1000);
        List<Object> records = IntStream.range(0, 300)
                .mapToObj(i -> (Object) Map.of("id", "big" + i, "inputs", Map.of("text", text))).toList();

        as(Roles.INGEST).body(Map.of("records", records)).post("/api/datasets/huge/TextClassification:bulk")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("detail", containsString("the limit is 1048576 bytes"));

        assertThat(es.source(DATASETS, "team-a.huge").isMissingNode()).isTrue();
    }

    private static double metric(String name) {
        String metrics = ConfigProvider.getConfig().getValue("test.management.url", String.class) + "/metrics";
        String line = given().get(metrics).then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(name + " ")).findFirst().orElse(name + " 0");
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}

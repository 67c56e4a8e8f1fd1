package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;

import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.RECORDS;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/**
 * A bulk larger than one slice (2,000 records) is written slice after slice: every record once, errors at their
 * positions in the request, the later of two records with one id kept, all searchable when it answers. More records
 * than a bulk takes (rubrix.limits.bulk-records, 20,000) are refused whole with 413, nothing written.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkSlicesTest {

    private static final String HISTORY = PREFIX + ".history";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void aBulkOfThreeSlicesWritesEveryRecordOnceAndReportsErrorsWhereTheyWere() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) {
            records.add(textRecord("s" + i, "text " + i, "X", 0.9, "Y", 0.1));
        }
        records.set(2_100, Map.of("id", "bad", "inputs", Map.of())); // no input: refused, in the second slice
        records.set(4_400, textRecord("s10", "the later s10", "Y", 0.8, "X", 0.2)); // the first slice's s10 again

        long bulksBefore = bulks();
        as(Roles.INGEST).body(Map.of("records", records)).post("/api/datasets/sliced/TextClassification:bulk")
                .then().statusCode(200)
                .body("processed", equalTo(4_499)).body("failed", equalTo(1))
                .body("errors.size()", equalTo(1)).body("errors[0].index", equalTo(2_100))
                .body("errors[0].id", equalTo("bad"));

        assertThat(bulks() - bulksBefore).as("three _bulk requests, the third one retrying s10").isEqualTo(4);
        assertThat(es.visibleCount(RECORDS + "sliced")).as("searchable on return, every slice").isEqualTo(4_498);
        assertThat(es.source(RECORDS + "sliced", "s10").at("/inputs/text").asText()).isEqualTo("the later s10");
        assertThat(es.source(RECORDS + "sliced", "s4499").at("/inputs/text").asText()).isEqualTo("text 4499");
    }

    @Test
    void aPersonsLabelsOverSeveralSlicesEachGetTheirHistoryEntry() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 2_300; i++) {
            Map<String, Object> record = new HashMap<>(textRecord("h" + i, "text " + i, "X", 0.9, "Y", 0.1));
            record.put("status", "Validated");
            record.put("annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", i % 2 == 0 ? "X" : "Y"))));
            records.add(record);
        }

        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a"))
                .contentType(ContentType.JSON).body(Map.of("records", records))
                .post("/api/datasets/labelled/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(2_300)).body("failed", equalTo(0));

        assertThat(es.visibleCount(RECORDS + "labelled")).isEqualTo(2_300);
        assertThat(es.source(RECORDS + "labelled", "h2299").at("/annotation/labels/0/class").asText()).isEqualTo("Y");
        assertThat(es.count(HISTORY)).as("one import entry per record").isEqualTo(2_300);
    }

    @Test
    void moreRecordsThanABulkTakesAreRefusedWholeWith413() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i <= 20_000; i++) {
            records.add(Map.of("inputs", Map.of("t", "a")));
        }
        as(Roles.INGEST).body(Map.of("records", records)).post("/api/datasets/toomany/TextClassification:bulk")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("records: a bulk takes at most 20000 records; send them in chunks (the Rubrix "
                        + "client sends 500 at a time: rb.log's chunk_size)"));
        assertThat(es.send("GET", "/" + RECORDS + "toomany/_count", null).path("count").asLong()).isZero();

        as(Roles.INGEST).body(Map.of("records", records.subList(0, 20_000)))
                .post("/api/datasets/toomany/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(20_000));
    }

    /** The _bulk requests of records sent so far. */
    private long bulks() {
        var timer = registry.find("rubrix.ingest.bulk.latency").timer();
        return timer == null ? 0 : timer.count();
    }
}

package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.RECORDS;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.model.security.Roles;

/** Records sent again are written over, not added; a record without an id gets one. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkIdempotenceTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void sendingTheSameBatchTwiceLeavesTheSameRecords() {
        Map<String, Object> body = Map.of("records", List.of(
                textRecord("a", "one", "X", 1.0, "Y", 0.0), textRecord("b", "two", "X", 0.0, "Y", 1.0)));

        as(Roles.INGEST).body(body).post("/api/datasets/twice/TextClassification:bulk").then().body("processed", equalTo(2));
        as(Roles.INGEST).body(body).post("/api/datasets/twice/TextClassification:bulk").then().body("processed", equalTo(2));

        assertThat(es.count(RECORDS + "twice")).isEqualTo(2);
    }

    @Test
    void aRecordWithoutIdGetsOne() {
        as(Roles.INGEST).body(Map.of("records", List.of(Map.of("inputs", Map.of("text", "no id")))))
                .post("/api/datasets/noid/TextClassification:bulk").then().body("processed", equalTo(1));

        JsonNode hits = es.send("GET", "/" + RECORDS + "noid/_search", null).at("/hits/hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).at("/_source/id").asText()).matches("[0-9a-f-]{36}").isEqualTo(hits.get(0).get("_id").asText());
    }
}

package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static io.rubrix.ingest.bulk.BulkRequests.DATASETS;
import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
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

/** The dataset a bulk creates or updates: its document, its index and its name. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkDatasetTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void laterWritesMergeTagsAndMetadata() {
        as(Roles.INGEST).body(Map.of("tags", Map.of("a", "1", "b", "1"), "records", List.of()))
                .post("/api/datasets/merged/TextClassification:bulk").then().statusCode(200);
        as(Roles.INGEST).body(Map.of("tags", Map.of("b", "2", "c", "3"), "metadata", Map.of("m", 1), "records", List.of()))
                .post("/api/datasets/merged/TextClassification:bulk").then().statusCode(200);

        JsonNode dataset = es.source(DATASETS, "team-a.merged");
        assertThat(dataset.at("/tags/a").asText()).isEqualTo("1");
        assertThat(dataset.at("/tags/b").asText()).as("the later value wins").isEqualTo("2");
        assertThat(dataset.at("/tags/c").asText()).isEqualTo("3");
        assertThat(dataset.at("/metadata/m").asInt()).isEqualTo(1);
        assertThat(dataset.get("last_updated").asText()).isGreaterThanOrEqualTo(dataset.get("created_at").asText());
    }

    @Test
    void aDatasetsIndexDeletedUnderTheServiceComesBackWithItsMapping() {
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("r1", "first", "Business", 0.8, "World", 0.2))))
                .post("/api/datasets/before/TextClassification:bulk").then().statusCode(200);
        es.deleteIndices(DATASETS);

        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("r1", "again", "Business", 0.8, "World", 0.2))))
                .post("/api/datasets/after/TextClassification:bulk").then().statusCode(200);

        JsonNode index = es.send("GET", "/" + DATASETS, null).get(DATASETS);
        assertThat(index.at("/mappings/dynamic").asText()).as("not Elasticsearch's dynamic mapping").isEqualTo("false");
        assertThat(index.at("/mappings/properties/name/type").asText()).isEqualTo("keyword");
        assertThat(index.at("/settings/index/number_of_replicas").asText()).as("green on one node").isEqualTo("0");
        assertThat(es.source(DATASETS, "team-a.after").get("task").asText()).isEqualTo("TextClassification");
    }

    @Test
    void anInvalidDatasetNameIs422() {
        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/Bad_Name/TextClassification:bulk")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("detail", containsString("does not match"));
    }
}

package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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

/** A bulk over records a person labelled: what a machine write keeps and what a person's replaces. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkOverHumanLabelsTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void aMachineWriteKeepsTheHumanLabel() {
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("h1", "text", "A", 0.7, "B", 0.3))))
                .post("/api/datasets/human/TextClassification:bulk").then().statusCode(200);
        label("human", "h1", "B");

        as(Roles.INGEST).body(Map.of("records", List.of(Map.of("id", "h1", "inputs", Map.of("text", "text"),
                        "prediction", Map.of("agent", "model-v2", "labels", List.of(
                                Map.of("class", "B", "confidence", 0.9), Map.of("class", "A", "confidence", 0.1)))))))
                .post("/api/datasets/human/TextClassification:bulk").then().log().ifValidationFails().body("processed", equalTo(1));

        JsonNode h1 = es.source(RECORDS + "human", "h1");
        assertThat(h1.at("/annotation/agent").asText()).isEqualTo("ana");
        assertThat(h1.at("/annotation/labels/0/class").asText()).isEqualTo("B");
        assertThat(h1.get("status").asText()).isEqualTo("Validated");
        assertThat(h1.at("/prediction/agent").asText()).isEqualTo("model-v2");
        assertThat(h1.at("/predicted_as/0").asText()).isEqualTo("B");
        assertThat(h1.at("/annotated_by/0").asText()).isEqualTo("ana");
        assertThat(h1.get("predicted").asText()).as("recomputed: now agrees").isEqualTo("ok");
    }

    @Test
    void aRecordLoggedAgainKeepsItsTeamsResponsesForMachinesAndPeopleAlike() {
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("t1", "text", "A", 0.7, "B", 0.3))))
                .post("/api/datasets/teamwork/TextClassification:bulk").then().statusCode(200);
        Map<String, Object> team = Map.of("responses", List.of(Map.of("user", "ana", "status", "submitted",
                        "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "B", "confidence", 1.0))),
                        "at", "2026-12-06T10:00:00Z", "version", 1)),
                "responded_by", List.of("ana"), "answered_by", List.of("ana"), "submitted", 1, "answers", 1);
        es.send("POST", "/" + RECORDS + "teamwork/_update/t1?refresh=true", Map.of("doc", Map.of("team", team)));

        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("t1", "text", "A", 0.4, "B", 0.6))))
                .post("/api/datasets/teamwork/TextClassification:bulk").then().body("processed", equalTo(1));
        JsonNode kept = es.source(RECORDS + "teamwork", "t1");
        assertThat(kept.at("/prediction/labels/0/confidence").asDouble()).isEqualTo(0.4);
        assertThat(kept.at("/team/responses/0/user").asText()).isEqualTo("ana");
        assertThat(kept.at("/team/answered_by").toString()).isEqualTo("[\"ana\"]");

        as(Roles.ANNOTATOR).body(Map.of("records", List.of(Map.of("id", "t1", "inputs", Map.of("text", "text"),
                        "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "A", "confidence", 1.0))),
                        "status", "Validated"))))
                .post("/api/datasets/teamwork/TextClassification:bulk").then().body("processed", equalTo(1));
        JsonNode relabelled = es.source(RECORDS + "teamwork", "t1");
        assertThat(relabelled.at("/annotation/labels/0/class").asText()).isEqualTo("A");
        assertThat(relabelled.at("/team/responses/0/annotation/labels/0/class").asText())
                .as("a person's import sets the annotation; the responses stay theirs").isEqualTo("B");
    }

    @Test
    void modelRerunsOverADatasetKeepEveryHumanLabelAndAddNewRecords() {
        String bulk = "/api/datasets/reruns/TextClassification:bulk";
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("r1", "one", "A", 0.6, "B", 0.4),
                textRecord("r2", "two", "A", 0.6, "B", 0.4), textRecord("r3", "three", "A", 0.6, "B", 0.4))))
                .post(bulk).then().body("processed", equalTo(3));
        label("reruns", "r1", "B");
        // the second run meets existing records only: they are refused as new, then read and written over
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("r1", "one", "A", 0.3, "B", 0.7),
                textRecord("r2", "two", "A", 0.3, "B", 0.7), textRecord("r3", "three", "A", 0.3, "B", 0.7))))
                .post(bulk).then().body("processed", equalTo(3)).body("failed", equalTo(0));
        label("reruns", "r2", "A");
        // the third run is read first (the last write met existing records), with one new record among them
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("r1", "one", "A", 0.1, "B", 0.9),
                textRecord("r2", "two", "A", 0.1, "B", 0.9), textRecord("r4", "four", "A", 0.1, "B", 0.9))))
                .post(bulk).then().body("processed", equalTo(3)).body("failed", equalTo(0));

        assertThat(es.count(RECORDS + "reruns")).isEqualTo(4);
        JsonNode r1 = es.source(RECORDS + "reruns", "r1");
        JsonNode r2 = es.source(RECORDS + "reruns", "r2");
        assertThat(r1.at("/annotation/labels/0/class").asText()).isEqualTo("B");
        assertThat(r2.at("/annotation/labels/0/class").asText()).isEqualTo("A");
        assertThat(List.of(r1.get("status").asText(), r2.get("status").asText())).containsOnly("Validated");
        assertThat(List.of(r1.at("/prediction/labels/1/confidence").asDouble(),
                r2.at("/prediction/labels/1/confidence").asDouble(),
                es.source(RECORDS + "reruns", "r4").at("/prediction/labels/1/confidence").asDouble()))
                .as("the third run's predictions").containsOnly(0.9);
        assertThat(List.of(r1.get("predicted").asText(), r2.get("predicted").asText())).containsExactly("ok", "ko");
        JsonNode r3 = es.source(RECORDS + "reruns", "r3");
        assertThat(r3.at("/prediction/labels/1/confidence").asDouble()).as("the second run's").isEqualTo(0.7);
        assertThat(r3.has("annotation")).isFalse();
    }

    @Test
    void anIncomingAnnotationOfAPersonReplacesTheStoredOne() {
        Map<String, Object> labelled = Map.of("id", "i1", "inputs", Map.of("text", "t"), "status", "Validated",
                "annotation", Map.of("agent", "import", "labels", List.of(Map.of("class", "A"))));
        as(Roles.ANNOTATOR).body(Map.of("records", List.of(labelled))).post("/api/datasets/imported/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1));
        Map<String, Object> relabelled = Map.of("id", "i1", "inputs", Map.of("text", "t"), "status", "Validated",
                "annotation", Map.of("agent", "import", "labels", List.of(Map.of("class", "C"))));
        as(Roles.ANNOTATOR).body(Map.of("records", List.of(relabelled))).post("/api/datasets/imported/TextClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1));

        assertThat(es.source(RECORDS + "imported", "i1").at("/annotation/labels/0/class").asText()).isEqualTo("C");
    }

    /** A person labels a record, as annotation-service does: a partial update of annotation and status. */
    private void label(String dataset, String id, String label) {
        es.send("POST", "/" + RECORDS + dataset + "/_update/" + id + "?refresh=true", Map.of("doc", Map.of(
                "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", label, "confidence", 1.0))),
                "status", "Validated", "annotated_as", List.of(label), "annotated_by", List.of("ana"))));
    }
}

package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/** Human labels come only from people, as themselves: what {@code :bulk} does with records that carry them. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class HumanWorkThroughBulkTest {

    private static final String PREFIX = "rubrix-test-ingest";
    private static final String RECORDS = PREFIX + ".records.team-a.";
    private static final String HISTORY = PREFIX + ".history";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void aMachineAccountCannotWriteAnnotationsOrStatusesAndTheRestOfItsBulkIsIndexed() {
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(labelled("r5", "ham", "ana"))))
                .post("/api/datasets/sec/TextClassification:bulk").then().body("processed", equalTo(1));
        List<JsonNode> historyBefore = history("r5");

        as("model-bot", Roles.INGEST).body(Map.of("records", List.of(
                        labelled("r5", "evil-label", "ana"),
                        Map.of("id", "r6", "inputs", Map.of("text", "t"), "status", "Discarded"),
                        prediction("r7"))))
                .post("/api/datasets/sec/TextClassification:bulk")
                .then().statusCode(200)
                .body("processed", equalTo(1))
                .body("failed", equalTo(2))
                .body("errors", hasSize(3))
                .body("errors[0].index", equalTo(0)).body("errors[0].id", equalTo("r5"))
                .body("errors[0].field", equalTo("annotation"))
                .body("errors[0].reason", containsString("only people write human labels"))
                .body("errors[1].field", equalTo("status")).body("errors[1].index", equalTo(0))
                .body("errors[2].field", equalTo("status")).body("errors[2].id", equalTo("r6"))
                .body("errors[2].reason", containsString("'Discarded' is a person's decision"));

        JsonNode r5 = es.source(RECORDS + "sec", "r5");
        assertThat(r5.at("/annotation/labels/0/class").asText()).as("ana's label stays").isEqualTo("ham");
        assertThat(r5.at("/annotation/agent").asText()).isEqualTo("ana");
        assertThat(es.send("GET", "/" + RECORDS + "sec/_doc/r6", null).path("found").asBoolean()).isFalse();
        assertThat(es.source(RECORDS + "sec", "r7").get("status").asText()).isEqualTo("Default");
        assertThat(history("r5")).as("history unchanged").hasSize(historyBefore.size());
    }

    @Test
    void anAnnotatorLogsLabelledRecordsAsThemselvesWithAnImportInTheHistory() {
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(prediction("p1")))).post(bulk("mine"))
                .then().body("processed", equalTo(1));

        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(labelled("p1", "spam", "bob"), prediction("p2"))))
                .post(bulk("mine")).then().body("processed", equalTo(2)).body("failed", equalTo(0));

        JsonNode p1 = es.source(RECORDS + "mine", "p1");
        assertThat(p1.at("/annotation/agent").asText()).as("the agent is the caller, not the one named").isEqualTo("ana");
        assertThat(p1.at("/annotated_by/0").asText()).isEqualTo("ana");
        assertThat(p1.get("status").asText()).isEqualTo("Validated");
        List<JsonNode> events = history("p1");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("action").asText()).isEqualTo("import");
        assertThat(event.get("agent").asText()).isEqualTo("ana");
        assertThat(event.get("workspace").asText()).isEqualTo("team-a");
        assertThat(event.get("dataset").asText()).isEqualTo("mine");
        assertThat(event.get("published").asBoolean()).as("in the outbox, for the relay").isFalse();
        assertThat(event.at("/before/status").asText()).isEqualTo("Default");
        assertThat(event.at("/before/annotation").isNull()).isTrue();
        assertThat(event.at("/after/annotation/labels/0/class").asText()).isEqualTo("spam");
        assertThat(event.get("record_version").asText()).matches("\\d+\\.\\d+");
        assertThat(history("p2")).as("a record without human work leaves no history").isEmpty();

        // the same record again changes nothing people decided: no second entry; another label: one more
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(labelled("p1", "spam", "ana")))).post(bulk("mine"))
                .then().body("processed", equalTo(1));
        assertThat(history("p1")).hasSize(1);
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(labelled("p1", "ham", "ana")))).post(bulk("mine"))
                .then().body("processed", equalTo(1));
        List<JsonNode> after = history("p1");
        assertThat(after).hasSize(2);
        assertThat(after).anySatisfy(e -> {
            assertThat(e.at("/before/annotation/labels/0/class").asText()).isEqualTo("spam");
            assertThat(e.at("/after/annotation/labels/0/class").asText()).isEqualTo("ham");
        });
    }

    /** Found by an attacker's walk: the label stayed, on a text its author never read, with no history. */
    @Test
    void noWriteButAPersonsChangesTheTextUnderAPersonsLabel() {
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(labelled("t1", "ham", "ana"), prediction("t2"))))
                .post(bulk("swap")).then().body("processed", equalTo(2));

        Map<String, Object> swapped = Map.of("id", "t1", "inputs", Map.of("text", "CHANGED TEXT by a machine"));
        Map<String, Object> sameText = Map.of("id", "t1", "inputs", Map.of("text", "Win money now"),
                "prediction", Map.of("agent", "nb-2", "labels", List.of(Map.of("class", "spam", "confidence", 0.8))));
        Map<String, Object> unlabelled = Map.of("id", "t2", "inputs", Map.of("text", "a new text, no label on it"));
        as("model-bot", Roles.INGEST).body(Map.of("records", List.of(swapped, unlabelled)))
                .post(bulk("swap")).then().statusCode(200)
                .body("processed", equalTo(1)).body("failed", equalTo(1))
                .body("errors[0].index", equalTo(0)).body("errors[0].id", equalTo("t1"))
                .body("errors[0].reason", containsString("its inputs cannot change under it"));
        as("bob", Roles.ANNOTATOR).body(Map.of("records", List.of(swapped))).post(bulk("swap"))
                .then().body("failed", equalTo(1));
        as("model-bot", Roles.INGEST).body(Map.of("records", List.of(sameText))).post(bulk("swap"))
                .then().body("processed", equalTo(1));

        JsonNode t1 = es.source(RECORDS + "swap", "t1");
        assertThat(t1.at("/inputs/text").asText()).isEqualTo("Win money now");
        assertThat(t1.at("/annotation/labels/0/class").asText()).isEqualTo("ham");
        assertThat(t1.at("/prediction/agent").asText()).as("a new prediction is welcome").isEqualTo("nb-2");
        assertThat(es.source(RECORDS + "swap", "t2").at("/inputs/text").asText()).isEqualTo("a new text, no label on it");
    }

    @Test
    void aValidatedRecordFromAPersonNeedsItsAnnotation() {
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(Map.of("id", "v1", "inputs", Map.of("text", "x"),
                        "status", "Validated", "prediction", Map.of("agent", "m", "labels",
                                List.of(Map.of("class", "evil", "confidence", 1.0)))))))
                .post(bulk("validated")).then().statusCode(200)
                .body("processed", equalTo(0)).body("failed", equalTo(1))
                .body("errors[0].field", equalTo("annotation"))
                .body("errors[0].reason", equalTo("a Validated record needs the annotation that was validated"));
    }

    @Test
    void labelsOutsideTheSchemaAreRefusedPerRecord() {
        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(prediction("s0")))).post(bulk("schema"))
                .then().body("processed", equalTo(1));
        es.send("POST", "/" + PREFIX + ".datasets/_update/team-a.schema?refresh=true",
                Map.of("doc", Map.of("settings", Map.of("labels", List.of("spam", "ham")))));

        as("ana", Roles.ANNOTATOR).body(Map.of("records", List.of(labelled("s1", "spam", "ana"),
                        labelled("s2", "evil-label", "ana"))))
                .post(bulk("schema"))
                .then().statusCode(200)
                .body("processed", equalTo(1)).body("failed", equalTo(1))
                .body("errors[0].index", equalTo(1)).body("errors[0].id", equalTo("s2"))
                .body("errors[0].field", equalTo("annotation.labels[0].class"))
                .body("errors[0].reason", equalTo("label 'evil-label' is not in the dataset's label schema [spam, ham]"));
        assertThat(es.source(RECORDS + "schema", "s1").at("/annotation/labels/0/class").asText()).isEqualTo("spam");
        assertThat(es.send("GET", "/" + RECORDS + "schema/_doc/s2", null).path("found").asBoolean()).isFalse();
        assertThat(history("s2")).isEmpty();
    }

    @Test
    void anAdminImportsOnBehalfOfTheNamedAgentRecordedAsTheAdminsAction() {
        as("root", Roles.ADMIN).body(Map.of("records", List.of(labelled("a1", "ham", "carol")))).post(bulk("legacy"))
                .then().body("processed", equalTo(1));

        assertThat(es.source(RECORDS + "legacy", "a1").at("/annotation/agent").asText()).isEqualTo("carol");
        List<JsonNode> events = history("a1");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("agent").asText()).isEqualTo("root");
        assertThat(events.get(0).at("/after/annotation/agent").asText()).isEqualTo("carol");
    }

    private List<JsonNode> history(String recordId) {
        es.send("POST", "/" + HISTORY + "/_refresh", null);
        JsonNode answer = es.send("POST", "/" + HISTORY + "/_search", Map.of("query",
                Map.of("term", Map.of("record_id", recordId))));
        List<JsonNode> events = new ArrayList<>();
        answer.at("/hits/hits").forEach(hit -> events.add(hit.get("_source")));
        return events;
    }

    private static String bulk(String dataset) {
        return "/api/datasets/" + dataset + "/TextClassification:bulk";
    }

    /** As the Rubrix client sends a record with an annotation: status Validated. */
    private static Map<String, Object> labelled(String id, String label, String agent) {
        return Map.of("id", id, "inputs", Map.of("text", "Win money now"), "status", "Validated",
                "annotation", Map.of("agent", agent, "labels", List.of(Map.of("class", label))));
    }

    private static Map<String, Object> prediction(String id) {
        return Map.of("id", id, "inputs", Map.of("text", "Win money now"), "prediction", Map.of("agent", "nb",
                "labels", List.of(Map.of("class", "spam", "confidence", 0.9), Map.of("class", "ham", "confidence", 0.1))));
    }

    private static RequestSpecification as(String username, String role) {
        return given().auth().oauth2(TestTokens.withRole(username, role, "team-a")).contentType(ContentType.JSON);
    }
}

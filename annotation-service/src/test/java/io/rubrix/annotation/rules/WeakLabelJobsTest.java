package io.rubrix.annotation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

/**
 * Weak labels written as predictions (ADR 0013), on records whose votes are counted by hand. Rules: prize = "prize OR
 * winner" -> spam, meeting = "meeting" -> ham, free = "free" -> spam.
 * <pre>
 * m1 winner, prize     annotated spam   votes prize          majority spam 1
 * m2 free prize        annotated spam   votes prize, free    spam 1
 * m3 meeting           annotated ham    votes meeting        ham 1
 * m4 free, meeting     annotated ham    votes meeting, free  tie: abstains
 * m5 report            -                no vote              not in the job
 * m6 winner, meeting   -                prize, meeting       tie: abstains
 * m7 free              model-1's prediction (ham): kept unless replace_predictions
 * m8 free meeting prize annotated ham   all three            spam 2/3, ham 1/3 (wrong)
 * m9 prize meeting     multi label      prize, meeting       spam 1/2, ham 1/2 (share of matching rules)
 * </pre>
 * Against the annotations (single label, written): m1, m2, m3 right, m8 wrong: accuracy 3/4; spam predicted 3 times,
 * annotated 2, right 2: F1 2*2/5 = 0.8; ham predicted 1, annotated 2, right 1: F1 2/3; macro F1 0.7333.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class WeakLabelJobsTest {

    private static final String APPLY = "/api/datasets/mails/TextClassification/labeling/rules:apply";
    private final TestDatasets data = new TestDatasets();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void mailsWithThreeRules() {
        data.reset();
        data.dataset("team-a", "mails", Task.TextClassification, List.of());
        data.records("team-a", "mails", Task.TextClassification, List.of(
                annotated("m1", "You are a winner, claim your prize", "spam"),
                annotated("m2", "Free prize inside", "spam"),
                annotated("m3", "Team meeting at noon", "ham"),
                annotated("m4", "Free lunch at the meeting", "ham"),
                Map.of("id", "m5", "inputs", Map.of("text", "Quarterly report attached")),
                Map.of("id", "m6", "inputs", Map.of("text", "Winner of the meeting award")),
                Map.of("id", "m7", "inputs", Map.of("text", "free free free"), "prediction", Map.of("agent",
                        "model-1", "labels", List.of(Map.of("class", "ham", "confidence", 0.7)))),
                annotated("m8", "Free meeting prize", "ham"),
                Map.of("id", "m9", "inputs", Map.of("text", "prize meeting"), "multi_label", true)));
        rule("prize", "prize OR winner", "spam");
        rule("meeting", "meeting", "ham");
        rule("free", "free", "spam");
    }

    @Test
    void theMajorityVoteIsWrittenAsPredictionsByRulesMajorityLeavingLabelsAndOtherModelsAlone() throws Exception {
        JsonNode job = applied(Map.of("model", "majority"));

        assertThat(job.path("state").asText()).isEqualTo("done");
        assertThat(job.path("kind").asText()).isEqualTo("weak_labels");
        assertThat(job.path("total").asLong()).as("records some rule matches").isEqualTo(8);
        assertThat(job.path("done").asLong()).isEqualTo(5);
        JsonNode outcome = job.path("outcome");
        assertThat(outcome.path("agent").asText()).isEqualTo("rules:majority");
        assertThat(outcome.path("abstained").asLong()).isEqualTo(2);
        assertThat(outcome.path("kept_predictions").asLong()).isEqualTo(1);
        assertThat(outcome.at("/against_annotations/annotated").asLong()).isEqualTo(4);
        assertThat(outcome.at("/against_annotations/correct").asLong()).isEqualTo(3);
        assertThat(outcome.at("/against_annotations/accuracy").asDouble()).isEqualTo(0.75);
        assertThat(outcome.at("/against_annotations/macro_f1").asDouble()).isCloseTo(0.7333, within(1e-4));

        JsonNode m1 = data.stored("team-a", "mails", "m1");
        assertThat(m1.at("/prediction/agent").asText()).isEqualTo("rules:majority");
        assertThat(m1.at("/prediction/labels/0/class").asText()).isEqualTo("spam");
        assertThat(m1.at("/prediction/labels/0/confidence").asDouble()).isEqualTo(1.0);
        assertThat(m1.at("/annotation/agent").asText()).as("the human label stays").isEqualTo("ana");
        assertThat(m1.at("/status").asText()).isEqualTo("Validated");
        assertThat(m1.path("predicted_as").toString()).isEqualTo("[\"spam\"]");
        JsonNode m8 = data.stored("team-a", "mails", "m8");
        assertThat(m8.at("/prediction/labels/0/confidence").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(m8.at("/prediction/labels/1/class").asText()).isEqualTo("ham");
        assertThat(m8.path("predicted").asText()).as("derived again: the prediction is wrong").isEqualTo("ko");
        JsonNode m9 = data.stored("team-a", "mails", "m9");
        assertThat(m9.at("/prediction/labels/0/confidence").asDouble()).isEqualTo(0.5);
        assertThat(m9.at("/prediction/labels/1/confidence").asDouble()).isEqualTo(0.5);
        assertThat(data.stored("team-a", "mails", "m4").has("prediction")).as("a tie abstains").isFalse();
        assertThat(data.stored("team-a", "mails", "m5").has("prediction")).isFalse();
        assertThat(data.stored("team-a", "mails", "m7").at("/prediction/agent").asText()).isEqualTo("model-1");
    }

    @Test
    void askedToReplacePredictionsAnotherModelsPredictionGivesWay() throws Exception {
        JsonNode job = applied(Map.of("model", "majority", "replace_predictions", true));

        assertThat(job.path("done").asLong()).isEqualTo(6);
        JsonNode m7 = data.stored("team-a", "mails", "m7");
        assertThat(m7.at("/prediction/agent").asText()).isEqualTo("rules:majority");
        assertThat(m7.at("/prediction/labels/0/class").asText()).isEqualTo("spam");
    }

    @Test
    void theGenerativeModelLearnsEachRulesAccuracyAndWritesItsPosterior() throws Exception {
        JsonNode job = applied(new HashMap<>());

        assertThat(job.path("state").asText()).isEqualTo("done");
        JsonNode outcome = job.path("outcome");
        assertThat(outcome.path("model").asText()).as("the default model").isEqualTo("generative");
        assertThat(outcome.path("converged").asBoolean()).isTrue();
        assertThat(outcome.path("rules").findValuesAsText("name")).containsExactly("prize", "meeting", "free");
        outcome.path("rules").forEach(rule -> assertThat(rule.path("learnt_accuracy").asDouble()).isBetween(0.0, 1.0));
        JsonNode m1 = data.stored("team-a", "mails", "m1");
        assertThat(m1.at("/prediction/agent").asText()).isEqualTo("rules:generative");
        assertThat(m1.at("/prediction/labels/0/class").asText()).isEqualTo("spam");
        assertThat(m1.at("/prediction/labels/0/confidence").asDouble()
                + m1.at("/prediction/labels/1/confidence").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(data.stored("team-a", "mails", "m3").at("/prediction/labels/0/class").asText()).isEqualTo("ham");
        JsonNode kept = data.es().source(TestDatasets.PREFIX + ".datasets", "team-a.mails").at("/settings/weak_labels");
        assertThat(kept.path("model").asText()).as("what records logged from now on get").isEqualTo("generative");
        assertThat(kept.path("classes").toString()).isEqualTo("[\"spam\",\"ham\"]");
        assertThat(kept.path("rules").findValuesAsText("name")).containsExactly("prize", "meeting", "free");
        assertThat(kept.at("/rules/0/fire_in").asDouble()).isBetween(0.0, 1.0);
    }

    /**
     * Token classification: city = "Paris OR Rome" -> LOC, us = "\"New York\" OR Boston" -> LOC, people = "Ana OR Ben"
     * -> PER, brand = "New OR Apple" -> ORG. t1 "Ana flew from New York to Paris .": Ana PER; "New York" LOC (us) and
     * "New" ORG (brand) overlap with one vote each: the longer wins; Paris LOC. t2 "Apple opened in Rome": Apple ORG,
     * Rome LOC. t3 "Nothing here": no rule. Annotated: t1 as Ana PER, New York LOC, Paris LOC (all three right);
     * t2 as Apple ORG only (Rome is a wrong entity): 5 predicted, 4 annotated, 4 right: precision 0.8, recall 1.
     */
    @Test
    void tokenClassificationGetsTheMajorityOfTheSpansTheRulesMatched() throws Exception {
        data.dataset("team-a", "trips", Task.TokenClassification, List.of());
        data.records("team-a", "trips", Task.TokenClassification, List.of(
                tokens("t1", List.of("Ana", "flew", "from", "New", "York", "to", "Paris", "."), List.of(
                        Map.of("start", 0, "end", 3, "label", "PER"), Map.of("start", 14, "end", 22, "label", "LOC"),
                        Map.of("start", 26, "end", 31, "label", "LOC"))),
                tokens("t2", List.of("Apple", "opened", "in", "Rome"), List.of(
                        Map.of("start", 0, "end", 5, "label", "ORG"))),
                tokens("t3", List.of("Nothing", "here"), null)));
        String rules = "/api/datasets/trips/TokenClassification/labeling/rules/";
        for (List<String> rule : List.of(List.of("city", "Paris OR Rome", "LOC"),
                List.of("us", "\"New York\" OR Boston", "LOC"), List.of("people", "Ana OR Ben", "PER"),
                List.of("brand", "New OR Apple", "ORG"))) {
            as("ana", Roles.ANNOTATOR).body(Map.of("query", rule.get(1), "labels", List.of(rule.get(2))))
                    .put(rules + rule.get(0)).then().statusCode(201);
        }
        as("ana", Roles.ANNOTATOR).body(Map.of("model", "generative"))
                .post("/api/datasets/trips/TokenClassification/labeling/rules:apply")
                .then().statusCode(400).body("errors[0].field", equalTo("model"));

        String id = as("ana", Roles.ANNOTATOR).body(Map.of())
                .post("/api/datasets/trips/TokenClassification/labeling/rules:apply")
                .then().statusCode(202).extract().path("id");
        JsonNode job = await("the token weak labels").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .pollInSameThread()
                .until(() -> json.readTree(as("ana", Roles.ANNOTATOR).get("/api/jobs/" + id)
                        .then().statusCode(200).extract().asString()),
                        found -> !found.path("state").asText().equals("running"));

        assertThat(job.path("state").asText()).isEqualTo("done");
        assertThat(job.path("done").asLong()).isEqualTo(2);
        assertThat(job.at("/outcome/model").asText()).isEqualTo("majority");
        assertThat(job.at("/outcome/against_annotations/entities_predicted").asLong()).isEqualTo(5);
        assertThat(job.at("/outcome/against_annotations/correct").asLong()).isEqualTo(4);
        assertThat(job.at("/outcome/against_annotations/precision").asDouble()).isEqualTo(0.8);
        assertThat(job.at("/outcome/against_annotations/recall").asDouble()).isEqualTo(1.0);
        JsonNode t1 = data.stored("team-a", "trips", "t1").path("prediction");
        assertThat(t1.path("agent").asText()).isEqualTo("rules:majority");
        assertThat(t1.path("entities").toString()).isEqualTo("[{\"start\":0,\"end\":3,\"label\":\"PER\",\"score\":1.0},"
                + "{\"start\":14,\"end\":22,\"label\":\"LOC\",\"score\":1.0},"
                + "{\"start\":26,\"end\":31,\"label\":\"LOC\",\"score\":1.0}]");
        assertThat(data.stored("team-a", "trips", "t2").at("/prediction/entities").toString())
                .isEqualTo("[{\"start\":0,\"end\":5,\"label\":\"ORG\",\"score\":1.0},"
                        + "{\"start\":16,\"end\":20,\"label\":\"LOC\",\"score\":1.0}]");
        assertThat(data.stored("team-a", "trips", "t3").has("prediction")).isFalse();
    }

    private static Map<String, Object> tokens(String id, List<String> tokens, List<Map<String, Object>> entities) {
        Map<String, Object> record = new HashMap<>(Map.of("id", id, "tokens", tokens, "raw_text",
                String.join(" ", tokens).replace(" .", ".")));
        if (entities != null) {
            record.put("annotation", Map.of("agent", "ana", "entities", entities));
            record.put("status", "Validated");
        }
        return record;
    }

    @Test
    void badRequestsAre400NamingTheFieldAndViewersMayNotApply() {
        as("ana", Roles.ANNOTATOR).body(Map.of("model", "snorkel")).post(APPLY)
                .then().statusCode(400).body("errors[0].field", equalTo("model"));
        as("ana", Roles.ANNOTATOR).body(Map.of()).post("/api/datasets/mails/TokenClassification/labeling/rules:apply")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
        as("vic", Roles.VIEWER).body(Map.of()).post(APPLY).then().statusCode(403);
        data.dataset("team-a", "empty", Task.TextClassification, List.of());
        as("ana", Roles.ANNOTATOR).body(Map.of())
                .post("/api/datasets/empty/TextClassification/labeling/rules:apply")
                .then().statusCode(400).body("errors[0].field", equalTo("rules"));
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b")).contentType(ContentType.JSON)
                .body(Map.of()).post(APPLY).then().statusCode(404);
    }

    private JsonNode applied(Map<String, Object> body) throws Exception {
        String id = as("ana", Roles.ANNOTATOR).body(body).post(APPLY)
                .then().statusCode(202).body("kind", equalTo("weak_labels")).extract().path("id");
        return await("the weak-labels job").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .pollInSameThread()
                .until(() -> json.readTree(as("ana", Roles.ANNOTATOR).get("/api/jobs/" + id)
                        .then().statusCode(200).extract().asString()),
                        job -> !job.path("state").asText().equals("running"));
    }

    private void rule(String name, String query, String label) {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", query, "labels", List.of(label)))
                .put("/api/datasets/mails/TextClassification/labeling/rules/" + name).then().statusCode(201);
    }

    private static Map<String, Object> annotated(String id, String text, String label) {
        return Map.of("id", id, "inputs", Map.of("text", text), "status", "Validated",
                "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", label))));
    }

    private static RequestSpecification as(String user, String role) {
        return given().auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

package io.rubrix.query.rules;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/**
 * Rule figures against numbers counted by hand. The mail dataset (12 records, single label spam/ham) and its rules:
 *
 * <pre>
 *      text                              annotation  winners (winner OR lottery; spam)  prize (prize; spam)  meeting (meeting; ham)
 *  m1  you won a prize                   spam                                           x
 *  m2  claim your prize winner           spam        x                                  x
 *  m3  prize meeting tomorrow            ham                                            x                    x
 *  m4  lottery winner announced          spam        x
 *  m5  meeting notes attached            ham                                                                 x
 *  m6  meeting about the prize lottery   -           x                                  x                    x
 *  m7  lunch tomorrow                    ham
 *  m8  winner of the meeting award       ham         x                                                       x
 *  m9  free prize                        -                                              x
 *  m10 project update                    -
 *  m11 lottery tickets                   spam        x
 *  m12 weekly meeting                    -                                                                   x
 * </pre>
 *
 * 12 records, 8 annotated (m1-m5, m7, m8, m11). Rules oldest first: winners (Jan 1), prize (Jan 2), meeting (Jan 3);
 * a deleted rule "old" is stored as null.
 * <ul>
 * <li>winners: matched m2 m4 m6 m8 m11 = 5; annotated m2 m4 m8 m11 = 4; correct (spam) m2 m4 m11 = 3, incorrect m8;
 * precision 3/4; overlaps m2 (prize) m6 m8 (meeting) = 3; conflicts (meeting, ham) m6 m8 = 2.</li>
 * <li>prize: matched m1 m2 m3 m6 m9 = 5; annotated m1 m2 m3 = 3; correct m1 m2 = 2, incorrect m3; precision 2/3;
 * overlaps m2 m3 m6 = 3; conflicts (meeting) m3 m6 = 2.</li>
 * <li>meeting: matched m3 m5 m6 m8 m12 = 5; annotated m3 m5 m8 = 3; correct (ham) 3, incorrect 0; precision 1;
 * overlaps m3 m6 m8 = 3; conflicts (winners and prize, spam) m3 m6 m8 = 3.</li>
 * <li>The set: matched by some rule: all but m7 and m10 = 10 (10/12); of the annotated: m1 m2 m3 m4 m5 m8 m11 = 7
 * (7/8); by at least two rules m2 m3 m6 m8 = 4; by spam and ham rules m3 m6 m8 = 3; correct 3 + 2 + 3 = 8, incorrect
 * 1 + 1 + 0 = 2, precision 0.8.</li>
 * </ul>
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class RulesResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final String RULES = "/api/datasets/mail/TextClassification/labeling/rules";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void aMailDatasetWithThreeRulesAndAnEntitiesDatasetWithTwo() {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), new IndexTemplates(LAYOUT, 0).datasetsIndex());
        Map<String, Object> mailRules = new LinkedHashMap<>();
        mailRules.put("prize", rule("prize", "prize", List.of("spam"), "2026-01-02T00:00:00Z"));
        mailRules.put("meeting", rule("meeting", "meeting", List.of("ham"), "2026-01-03T00:00:00Z"));
        mailRules.put("old", null); // deleted
        mailRules.put("winners", rule("winners", "winner OR lottery", List.of("spam"), "2026-01-01T00:00:00Z"));
        descriptor("mail", "TextClassification", mailRules);
        descriptor("sentences", "Text2Text", Map.of());
        descriptor("empty", "TextClassification", Map.of());
        Map<String, Object> entityRules = new LinkedHashMap<>();
        entityRules.put("city", rule("city", "Paris", List.of("LOC"), "2026-01-01T00:00:00Z"));
        entityRules.put("people", rule("people", "Ana", List.of("PER"), "2026-01-02T00:00:00Z"));
        descriptor("entities", "TokenClassification", entityRules);

        StringBuilder bulk = new StringBuilder();
        mail(bulk, "m1", "you won a prize", "spam");
        mail(bulk, "m2", "claim your prize winner", "spam");
        mail(bulk, "m3", "prize meeting tomorrow", "ham");
        mail(bulk, "m4", "lottery winner announced", "spam");
        mail(bulk, "m5", "meeting notes attached", "ham");
        mail(bulk, "m6", "meeting about the prize lottery", null);
        mail(bulk, "m7", "lunch tomorrow", "ham");
        mail(bulk, "m8", "winner of the meeting award", "ham");
        mail(bulk, "m9", "free prize", null);
        mail(bulk, "m10", "project update", null);
        mail(bulk, "m11", "lottery tickets", "spam");
        mail(bulk, "m12", "weekly meeting", null);
        // tokens: spans are [start, end) character offsets into the text
        entities(bulk, "e1", "Ana lives in Paris", List.of(span(0, 3, "PER"), span(13, 18, "LOC")));
        entities(bulk, "e2", "Paris is big", List.of(span(0, 5, "LOC")));
        entities(bulk, "e3", "Ben met Ana", List.of(span(0, 3, "PER"), span(8, 11, "PER")));
        entities(bulk, "e4", "Paris again", null);
        entities(bulk, "e5", "Ana in Rome", List.of(span(7, 11, "LOC"))); // annotated, but not as a person
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void theLabelMatrixHasALinePerRecordWithEveryRulesVoteAndTheHumanLabels() throws Exception {
        String body = as("vic", Roles.VIEWER).get(RULES + ":matrix").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();

        Map<String, com.fasterxml.jackson.databind.JsonNode> lines = new java.util.TreeMap<>();
        for (String line : body.split("\n")) {
            com.fasterxml.jackson.databind.JsonNode read = json.readTree(line);
            lines.put(read.path("id").asText(), read);
        }
        org.assertj.core.api.Assertions.assertThat(lines).hasSize(12);
        // the table above: m6 matched by all three, m7 by none, m8 by winners and meeting; rules in the set's order
        org.assertj.core.api.Assertions.assertThat(lines.get("m6").toString()).isEqualTo("{\"id\":\"m6\","
                + "\"votes\":{\"winners\":\"spam\",\"prize\":\"spam\",\"meeting\":\"ham\"},\"annotated_as\":[]}");
        org.assertj.core.api.Assertions.assertThat(lines.get("m7").path("votes").toString())
                .isEqualTo("{\"winners\":null,\"prize\":null,\"meeting\":null}");
        org.assertj.core.api.Assertions.assertThat(lines.get("m8").toString()).isEqualTo("{\"id\":\"m8\","
                + "\"votes\":{\"winners\":\"spam\",\"prize\":null,\"meeting\":\"ham\"},\"annotated_as\":[\"ham\"]}");
        long votes = lines.values().stream().mapToLong(line -> java.util.stream.StreamSupport
                .stream(line.path("votes").spliterator(), false).filter(vote -> !vote.isNull()).count()).sum();
        org.assertj.core.api.Assertions.assertThat(votes).as("5 + 5 + 5 matches").isEqualTo(15);
        as("vic", Roles.VIEWER).get("/api/datasets/empty/TextClassification/labeling/rules:matrix")
                .then().statusCode(400).body("errors[0].field", equalTo("rules"));
        as("ingest-bot", Roles.INGEST).get(RULES + ":matrix").then().statusCode(403);
    }

    @Test
    void rulesAllOfOneLabelConflictWithNoneAndOverlapWhereBothMatch() {
        Map<String, Object> spamOnly = new LinkedHashMap<>();
        spamOnly.put("prize", rule("prize", "prize", List.of("spam"), "2026-01-02T00:00:00Z"));
        spamOnly.put("winners", rule("winners", "winner OR lottery", List.of("spam"), "2026-01-01T00:00:00Z"));
        descriptor("mail", "TextClassification", spamOnly);

        // the table above: both match m2 and m6
        as("vic", Roles.VIEWER).get(RULES).then().statusCode(200)
                .body("rules.name", contains("winners", "prize"))
                .body("rules.figures.overlaps", contains(2, 2))
                .body("rules.figures.conflicts", contains(0, 0))
                .body("totals.overlaps", equalTo(2))
                .body("totals.conflicts", equalTo(0));
    }

    @Test
    void everyRuleWithItsFiguresOldestFirstAndTheSetsTotals() {
        ValidatableResponse answer = as("vic", Roles.VIEWER).get(RULES).then().statusCode(200)
                .body("rules.name", contains("winners", "prize", "meeting"))
                .body("rules.query", contains("winner OR lottery", "prize", "meeting"))
                .body("rules[0].labels", contains("spam"))
                .body("rules[0].author", equalTo("ana"))
                .body("rules[0].created_at", equalTo("2026-01-01T00:00:00Z"))
                .body("rules[0].description", equalTo("votes spam for winners"))
                .body("rules.figures.total_records", contains(12, 12, 12))
                .body("rules.figures.annotated_records", contains(8, 8, 8))
                .body("rules.figures.matched", contains(5, 5, 5))
                .body("rules.figures.matched_annotated", contains(4, 3, 3))
                .body("rules.figures.correct", contains(3, 2, 3))
                .body("rules.figures.incorrect", contains(1, 1, 0))
                .body("rules.figures.overlaps", contains(3, 3, 3))
                .body("rules.figures.conflicts", contains(2, 2, 3))
                .body("totals.rules", equalTo(3))
                .body("totals.total_records", equalTo(12))
                .body("totals.annotated_records", equalTo(8))
                .body("totals.matched", equalTo(10))
                .body("totals.coverage", closeTo(10 / 12.0, 1e-9))
                .body("totals.matched_annotated", equalTo(7))
                .body("totals.coverage_annotated", closeTo(7 / 8.0, 1e-9))
                .body("totals.overlaps", equalTo(4))
                .body("totals.conflicts", equalTo(3))
                .body("totals.correct", equalTo(8))
                .body("totals.incorrect", equalTo(2))
                .body("totals.precision", closeTo(0.8, 1e-9));
        double[][] shares = {{5 / 12.0, 4 / 8.0, 3 / 4.0}, {5 / 12.0, 3 / 8.0, 2 / 3.0}, {5 / 12.0, 3 / 8.0, 1.0}};
        for (int i = 0; i < shares.length; i++) {
            answer.body("rules[" + i + "].figures.coverage", closeTo(shares[i][0], 1e-9))
                    .body("rules[" + i + "].figures.coverage_annotated", closeTo(shares[i][1], 1e-9))
                    .body("rules[" + i + "].figures.precision", closeTo(shares[i][2], 1e-9));
        }
    }

    @Test
    void oneRuleWithItsFiguresAgainstTheOthersAnUnknownOneIs404() {
        as("ana", Roles.ANNOTATOR).get(RULES + "/meeting").then().statusCode(200)
                .body("name", equalTo("meeting"))
                .body("labels", contains("ham"))
                .body("figures.total_records", equalTo(12))
                .body("figures.annotated_records", equalTo(8))
                .body("figures.matched", equalTo(5))
                .body("figures.coverage", closeTo(5 / 12.0, 1e-9))
                .body("figures.matched_annotated", equalTo(3))
                .body("figures.coverage_annotated", closeTo(3 / 8.0, 1e-9))
                .body("figures.correct", equalTo(3))
                .body("figures.incorrect", equalTo(0))
                .body("figures.precision", closeTo(1.0, 1e-9))
                .body("figures.overlaps", equalTo(3))
                .body("figures.conflicts", equalTo(3))
                .body("$", not(hasKey("totals")));
        as("ana", Roles.ANNOTATOR).get(RULES + "/old").then().statusCode(404)
                .body("detail", containsString("'old'"));
        as("ana", Roles.ANNOTATOR).get(RULES + "/nothing").then().statusCode(404)
                .body("detail", equalTo("Rule 'nothing' not found in dataset 'mail'"));
    }

    /**
     * "tomorrow" for ham: m3 and m7, both annotated ham: 2 correct, precision 1; m3 is also matched by prize (spam)
     * and meeting (ham): 1 overlap, 1 conflict. "prize OR free" for spam as an edit of prize: the same five records as
     * prize (m9 is "free prize"), and its overlaps leave the saved prize out: m2 m3 m6 (3, not 5).
     */
    @Test
    void theFiguresOfARuleAsItIsTypedAgainstTheSavedRules() {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "tomorrow", "labels", List.of("ham")))
                .post(RULES + ":figures").then().statusCode(200)
                .body("figures.total_records", equalTo(12))
                .body("figures.annotated_records", equalTo(8))
                .body("figures.matched", equalTo(2))
                .body("figures.coverage", closeTo(2 / 12.0, 1e-9))
                .body("figures.matched_annotated", equalTo(2))
                .body("figures.coverage_annotated", closeTo(2 / 8.0, 1e-9))
                .body("figures.correct", equalTo(2))
                .body("figures.incorrect", equalTo(0))
                .body("figures.precision", closeTo(1.0, 1e-9))
                .body("figures.overlaps", equalTo(1))
                .body("figures.conflicts", equalTo(1));
        as("ana", Roles.ANNOTATOR).urlEncodingEnabled(false) // the colon as some clients send it
                .body(Map.of("name", "prize", "query", "prize OR free", "labels", List.of("spam"))).post("/api/datasets/mail/TextClassification/labeling/rules%3Afigures").then().statusCode(200)
                .body("figures.matched", equalTo(5))
                .body("figures.correct", equalTo(2))
                .body("figures.overlaps", equalTo(3))
                .body("figures.conflicts", equalTo(2));
        // a rule that matches no annotated record has no precision (null, not left out)
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "weekly OR free", "labels", List.of("spam")))
                .post(RULES + ":figures").then().statusCode(200)
                .body("figures.matched", equalTo(2))
                .body("figures.matched_annotated", equalTo(0))
                .body("figures.coverage_annotated", closeTo(0.0, 1e-9))
                .body("figures", hasKey("precision"))
                .body("figures.precision", nullValue())
                .body("figures.overlaps", equalTo(2))
                .body("figures.conflicts", equalTo(1)); // m12, by meeting (ham); m9 only by prize (spam)
    }

    @Test
    void aQueryElasticsearchCannotParseOrAMissingFieldIs400NamingIt() {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "subject:(prize", "labels", List.of("spam")))
                .post(RULES + ":figures").then().statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].reason", containsString("subject:(prize"))
                .body("errors[0].reason", not(containsString(PREFIX)));
        as("ana", Roles.ANNOTATOR).body(Map.of("labels", List.of("spam"))).post(RULES + ":figures").then()
                .statusCode(400).body("errors.field", contains("query"));
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "  ", "labels", List.of("spam"))).post(RULES + ":figures")
                .then().statusCode(400).body("errors.field", contains("query"));
        as("ana", Roles.ANNOTATOR).body(Map.of("query", "prize", "labels", List.of())).post(RULES + ":figures").then()
                .statusCode(400).body("errors.field", contains("labels"));
        as("ana", Roles.ANNOTATOR).body("{}").post(RULES + ":figures").then()
                .statusCode(400).body("errors.field", contains("query", "labels"));
    }

    @Test
    void text2TextHasNoLabelsToVoteForAnotherWorkspaceSeesNothing() {
        as("ana", Roles.ANNOTATOR).get("/api/datasets/sentences/Text2Text/labeling/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("task"))
                .body("errors[0].reason", containsString("no labels to vote for"));
        as("ana", Roles.ANNOTATOR).get("/api/datasets/mail/TokenClassification/labeling/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("task"));
        RequestSpecification outsider = given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b"))
                .contentType(ContentType.JSON);
        outsider.get(RULES).then().statusCode(404).body("detail", containsString("'mail'"));
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b")).get(RULES + "/prize").then()
                .statusCode(404).body("detail", containsString("Dataset 'mail'"));
        given().auth().oauth2(TestTokens.withRole("bob", Roles.ADMIN, "team-b")).contentType(ContentType.JSON)
                .body(Map.of("query", "prize", "labels", List.of("spam"))).post(RULES + ":figures").then()
                .statusCode(404).body("detail", containsString("Dataset 'mail'"));
        as("ingo", Roles.INGEST).get(RULES).then().statusCode(403);
    }

    @Test
    void aDatasetWithoutRulesOrRecordsAnswersZeros() {
        as("vic", Roles.VIEWER).get("/api/datasets/empty/TextClassification/labeling/rules").then().statusCode(200)
                .body("rules.size()", equalTo(0))
                .body("totals.rules", equalTo(0))
                .body("totals.total_records", equalTo(0))
                .body("totals.matched", equalTo(0))
                .body("totals.coverage", closeTo(0.0, 1e-9))
                .body("totals.precision", nullValue());
        as("vic", Roles.VIEWER).body(Map.of("query", "prize", "labels", List.of("spam")))
                .post("/api/datasets/empty/TextClassification/labeling/rules:figures").then().statusCode(200)
                .body("figures.matched", equalTo(0))
                .body("figures.coverage", closeTo(0.0, 1e-9))
                .body("figures.precision", nullValue());
    }

    /**
     * Per record: city (Paris; LOC) matches e1 e2 e4; e1 and e2 are annotated with a LOC entity: 2 correct. people
     * (Ana; PER) matches e1 e3 e5, all annotated; e1 and e3 have a PER entity (e1 also a LOC: still correct), e5 only
     * a LOC: 2 correct, 1 incorrect. Both match e1: 1 overlap, 1 conflict each. The set: 5 records, 4 annotated, all
     * matched, 4 of the annotated; correct 4, incorrect 1, precision 0.8.
     */
    @Test
    void tokenClassificationFiguresArePerRecord() {
        as("vic", Roles.VIEWER).get("/api/datasets/entities/TokenClassification/labeling/rules").then().statusCode(200)
                .body("rules.name", contains("city", "people"))
                .body("rules.figures.matched", contains(3, 3))
                .body("rules.figures.matched_annotated", contains(2, 3))
                .body("rules.figures.correct", contains(2, 2))
                .body("rules.figures.incorrect", contains(0, 1))
                .body("rules.figures.overlaps", contains(1, 1))
                .body("rules.figures.conflicts", contains(1, 1))
                .body("rules[1].figures.precision", closeTo(2 / 3.0, 1e-9))
                .body("totals.total_records", equalTo(5))
                .body("totals.annotated_records", equalTo(4))
                .body("totals.matched", equalTo(5))
                .body("totals.matched_annotated", equalTo(4))
                .body("totals.overlaps", equalTo(1))
                .body("totals.conflicts", equalTo(1))
                .body("totals.correct", equalTo(4))
                .body("totals.incorrect", equalTo(1))
                .body("totals.precision", closeTo(0.8, 1e-9));
    }

    private static Map<String, Object> rule(String name, String query, List<String> labels, String createdAt) {
        return Map.of("name", name, "query", query, "labels", labels, "description", "votes " + labels.get(0)
                + " for " + name, "author", "ana", "created_at", createdAt, "updated_at", createdAt);
    }

    private void descriptor(String name, String task, Map<String, Object> rules) {
        Map<String, Object> descriptor = new LinkedHashMap<>(Map.of("name", name, "task", task, "workspace", "team-a",
                "owner", "team-a", "created_at", "2026-01-01T00:00:00Z"));
        if (!rules.isEmpty()) {
            descriptor.put("settings", Map.of("rules", rules));
        }
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a." + name + "?refresh=true", descriptor);
    }

    private void mail(StringBuilder bulk, String id, String text, String label) {
        Map<String, Object> record = new LinkedHashMap<>(Map.of("id", id, "inputs", Map.of("text", text),
                "multi_label", false));
        if (label != null) {
            record.put("annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", label))));
        }
        index(bulk, "mail", json.convertValue(record, TextClassificationRecord.class));
    }

    private static Map<String, Object> span(int start, int end, String label) {
        return Map.of("start", start, "end", end, "label", label);
    }

    private void entities(StringBuilder bulk, String id, String text, List<Map<String, Object>> spans) {
        Map<String, Object> record = new LinkedHashMap<>(Map.of("id", id, "raw_text", text,
                "tokens", List.of(text.split(" "))));
        if (spans != null) {
            record.put("annotation", Map.of("agent", "ana", "entities", spans));
        }
        index(bulk, "entities", json.convertValue(record, TokenClassificationRecord.class));
    }

    private void index(StringBuilder bulk, String dataset, TaskRecord record) {
        bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", dataset))
                .append("\",\"_id\":\"").append(record.id()).append("\"}}\n")
                .append(RecordDocument.json(json, record.stampedAt(Instant.parse("2026-12-01T10:00:00Z")))).append('\n');
    }

    private static RequestSpecification as(String user, String role) {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

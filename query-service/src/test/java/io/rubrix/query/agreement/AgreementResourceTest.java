package io.rubrix.query.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.agreement.AgreementKeys;
import io.rubrix.model.agreement.AgreementUnits;
import io.rubrix.model.agreement.NominalAlpha;
import io.rubrix.model.agreement.ValuePair;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/**
 * Agreement figures against values counted by hand, from records whose team work is stored as annotation-service
 * writes it (the keywords of ADR 0012).
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AgreementResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void aSingleLabelAndAMultiLabelDatasetAnsweredByATeam() {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        // the history's too: written here before any service put it, on a new cluster it got a dynamic mapping
        // (agent as text: "Fielddata is disabled on [agent]")
        es.send("PUT", "/_index_template/" + LAYOUT.historyTemplateName(), new IndexTemplates(LAYOUT, 0).historyTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), new IndexTemplates(LAYOUT, 0).datasetsIndex());
        for (String name : List.of("votes", "tags")) {
            es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a." + name + "?refresh=true",
                    Map.of("name", name, "task", "TextClassification", "workspace", "team-a", "owner", "team-a",
                            "created_at", "2026-01-01T00:00:00Z"));
        }
        StringBuilder bulk = new StringBuilder();
        single(bulk, "r1", answers("ana", "A", "ben", "A"), true, false);
        single(bulk, "r2", answers("ana", "A", "ben", "B"), true, true);
        single(bulk, "r3", answers("ana", "B", "ben", "B", "cai", "B"), true, false);
        single(bulk, "r4", answers("ana", "A"), false, false);
        single(bulk, "r5", Map.of(), false, false);
        multi(bulk, "t1", Map.of("ana", List.of("X"), "ben", List.of("X", "Y")));
        multi(bulk, "t2", Map.of("ana", List.of(), "ben", List.of()));
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
        // in the last hour ana answered r1 (twice: another tab's answer saved over the first), discarded r5 and saved a
        // draft of r4: two records answered; ben's answer is two hours old
        respond("e1", 60, "ana", "r1", "Validated");
        respond("e3", 50, "ana", "r1", "Validated");
        respond("e4", 40, "ana", "r5", "Discarded");
        respond("e5", 30, "ana", "r4", "Edited");
        respond("e2", 7200, "ben", "r2", "Validated");
    }

    private void respond(String eventId, int secondsAgo, String agent, String recordId, String status) {
        es.send("PUT", "/" + LAYOUT.historyIndex() + "/_doc/" + eventId + "?refresh=true", Map.of("event_id", eventId,
                "action", "respond", "at", Instant.now().minusSeconds(secondsAgo).toString(), "agent", agent,
                "workspace", "team-a", "dataset", "votes", "record_id", recordId, "after", Map.of("status", status)));
    }

    /**
     * Coincidences: r1 A|A 2; r2 A|B 1, B|A 1; r3 (three B) B|B 3. n_A = 3, n_B = 4, n = 7: alpha = 1 - 6 * 2 / (49 -
     * 9 - 16) = 0.5. Kappa ana/ben over r1-r3: p_o = 2/3, p_e = 2/3 * 1/3 + 1/3 * 2/3 = 4/9: (2/9) / (5/9) = 0.4;
     * ana/cai agree on r3 only, one label: undefined.
     */
    @Test
    void singleLabelAlphaAndKappaAreTheHandCountedOnes() {
        as("rita", Roles.REVIEWER).post("/api/datasets/votes/TextClassification:agreement").then().statusCode(200)
                .body("records.total", equalTo(5))
                .body("records.answered", equalTo(4))
                .body("records.pairable", equalTo(3))
                .body("records.complete", equalTo(3))
                .body("records.needs_review", equalTo(1))
                .body("alpha.overall", closeTo(0.5, 1e-4))
                .body("alpha.labels.A", closeTo(0.5, 1e-4))
                .body("alpha.labels.B", closeTo(0.5, 1e-4))
                .body("kappa.first", contains("ana", "ana", "ben"))
                .body("kappa.second", contains("ben", "cai", "cai"))
                .body("kappa[0].kappa", closeTo(0.4, 1e-4))
                .body("kappa[0].units", equalTo(3))
                .body("kappa[0].agreeing", equalTo(2))
                .body("kappa[1].kappa", nullValue())
                .body("kappa[1]", hasKey("kappa")) // null, not left out
                .body("annotators.user", contains("ana", "ben", "cai"))
                .body("annotators.submitted", contains(4, 3, 1))
                .body("annotators.last_hour", contains(2, 0, 0));
    }

    @Test
    void theViewsQueryNarrowsTheFiguresAndTheReviewQueueIsASearch() {
        as("rita", Roles.REVIEWER).body(Map.of("query", Map.of("ids", List.of("r1", "r3"))))
                .post("/api/datasets/votes/TextClassification:agreement").then().statusCode(200)
                .body("records.pairable", equalTo(2))
                .body("alpha.overall", closeTo(1.0, 1e-4)) // A|A and B|B: perfect, with variation between records
                .body("kappa[0].kappa", closeTo(1.0, 1e-4));
        as("rita", Roles.REVIEWER).body(Map.of("query", Map.of("team", Map.of("needs_review", true))))
                .post("/api/datasets/votes/TextClassification:search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("records.id", contains("r2"))
                .body("records[0]", not(hasKey("team")));
        as("rita", Roles.REVIEWER).body(Map.of("query", Map.of("team", Map.of("submitted_by", List.of("cai")))))
                .post("/api/datasets/votes/TextClassification:search").then().statusCode(200)
                .body("records.id", contains("r3"));
        as("ingo", Roles.INGEST).post("/api/datasets/votes/TextClassification:agreement").then().statusCode(403);
    }

    @Test
    void reviewersDownloadEveryResponseWithItsAuthorOthersNever() throws Exception {
        String lines = as("rita", Roles.REVIEWER).queryParam("responses", true)
                .queryParam("query", "{\"ids\": [\"r2\"]}")
                .get("/api/datasets/votes/TextClassification/data").then().statusCode(200).extract().asString();
        JsonNode r2 = json.readTree(lines.strip());
        assertThat(r2.at("/team/responses").findValuesAsText("user"))
                .containsExactly("ana", "ben");
        assertThat(r2.path("team").has("coincidences")).isFalse();
        assertThat(r2.has("words")).isFalse();
        String plain = as("ana", Roles.ANNOTATOR).queryParam("query", "{\"ids\": [\"r2\"]}")
                .get("/api/datasets/votes/TextClassification/data").then().statusCode(200).extract().asString();
        assertThat(json.readTree(plain.strip()).has("team")).isFalse();
        as("ana", Roles.ANNOTATOR).queryParam("responses", true).get("/api/datasets/votes/TextClassification/data")
                .then().statusCode(403);
        as("rita", Roles.REVIEWER).queryParam("responses", true).queryParam("format", "csv")
                .get("/api/datasets/votes/TextClassification/data").then().statusCode(400)
                .body("errors[0].field", equalTo("responses"));
    }

    /**
     * X: t1 yes/yes (2), t2 nobody gave it: no/no (2): no disagreement, alpha 1. Y: t1 no/yes (1 + 1), t2 no/no (2):
     * n_yes = 1, n_no = 3, alpha = 1 - 3 * 2 / (16 - 1 - 9) = 0. Pooled: yy 2, nn 4, ny 1, yn 1: n = 8,
     * alpha = 1 - 7 * 2 / (64 - 9 - 25) = 0.5333.
     */
    @Test
    void multiLabelAlphaIsPerLabelWithRecordsWhereNobodyGaveIt() {
        as("rita", Roles.REVIEWER).post("/api/datasets/tags/TextClassification:agreement").then().statusCode(200)
                .body("records.pairable", equalTo(2))
                .body("alpha.labels.X", closeTo(1.0, 1e-4))
                .body("alpha.labels.Y", closeTo(0.0, 1e-4))
                .body("alpha.overall", closeTo(0.5333, 1e-4));
    }

    private static Map<String, String> answers(String... userThenLabel) {
        Map<String, String> answers = new TreeMap<>();
        for (int i = 0; i < userThenLabel.length; i += 2) {
            answers.put(userThenLabel[i], userThenLabel[i + 1]);
        }
        return answers;
    }

    private void single(StringBuilder bulk, String id, Map<String, String> answers, boolean complete, boolean review) {
        List<String> users = new ArrayList<>(answers.keySet());
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            for (int j = i + 1; j < users.size(); j++) {
                pairs.addAll(AgreementKeys.pairs(users.get(i), users.get(j),
                        Map.of(new ValuePair(answers.get(users.get(i)), answers.get(users.get(j))), 1L)));
            }
        }
        List<String> coincidences = AgreementKeys.coincidences("",
                NominalAlpha.coincidences(new ArrayList<>(answers.values())), answers.size());
        index(bulk, "votes", id, false, team(users, complete, review, coincidences, pairs));
    }

    private void multi(StringBuilder bulk, String id, Map<String, List<String>> answers) {
        List<String> users = new ArrayList<>(new TreeMap<>(answers).keySet());
        List<List<String>> sets = users.stream().map(answers::get).toList();
        List<String> coincidences = new ArrayList<>();
        sets.stream().flatMap(List::stream).distinct().forEach(label -> coincidences.addAll(
                AgreementKeys.coincidences(label, AgreementUnits.ofLabel(label, sets), sets.size())));
        index(bulk, "tags", id, true, team(users, true, false, coincidences, List.of()));
    }

    private static Map<String, Object> team(List<String> users, boolean complete, boolean review,
            List<String> coincidences, List<String> pairs) {
        Map<String, Object> team = new HashMap<>();
        team.put("responses", users.stream().map(user -> Map.of("user", user, "status", "submitted",
                "at", "2026-12-06T10:00:00Z", "version", 1)).toList());
        team.put("responded_by", users);
        team.put("answered_by", users);
        team.put("submitted_by", users);
        team.put("submitted", users.size());
        team.put("answers", users.size());
        team.put("complete", complete);
        team.put("needs_review", review);
        team.put("coincidences", coincidences);
        team.put("pairs", pairs);
        return team;
    }

    private void index(StringBuilder bulk, String dataset, String id, boolean multi, Map<String, Object> team) {
        TextClassificationRecord record = json.convertValue(Map.of("id", id, "inputs", Map.of("text", "record " + id),
                "multi_label", multi), TextClassificationRecord.class).stampedAt(Instant.parse("2026-12-01T10:00:00Z"));
        ObjectNode document = RecordDocument.of(json, record);
        if (!team.isEmpty() && !((List<?>) team.get("answered_by")).isEmpty()) {
            document.set(RecordDocument.TEAM, json.valueToTree(team));
        }
        bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", dataset))
                .append("\",\"_id\":\"").append(id).append("\"}}\n").append(document).append('\n');
    }

    private static RequestSpecification as(String user, String role) {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

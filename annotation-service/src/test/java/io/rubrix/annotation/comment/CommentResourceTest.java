package io.rubrix.annotation.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.rubrix.annotation.AnnotationTopic;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

/** Comments on a record: written by people as themselves, kept in its history among the label changes, not on Kafka. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CommentResourceTest {

    private static final String NEWS = "/api/datasets/news/TextClassification/records/";
    private final TestDatasets data = new TestDatasets();

    @BeforeEach
    void twoRecordsInTeamA() {
        data.reset()
                .dataset("team-a", "news", Task.TextClassification, List.of())
                .records("team-a", "news", Task.TextClassification, List.of(
                        TestDatasets.news("r1", "Oh great, another Monday", "Sports", 0.9),
                        TestDatasets.news("r2", "Stocks rally", "Business", 0.7)));
    }

    @Test
    void aCommentJoinsTheHistoryWithItsAuthorAndTimeInOrderAmongLabelChanges() {
        label("ana", "r1", "Business");
        String versionBefore = version("r1");

        Response written = as("bob", Roles.ANNOTATOR).body(Map.of("text", "  ambiguous: sarcasm?\n", "agent", "someone-else"))
                .post(NEWS + "r1/comments");
        written.then().statusCode(201).contentType(ContentType.JSON)
                .body("action", equalTo("comment"))
                .body("agent", equalTo("bob"))
                .body("record_id", equalTo("r1"))
                .body("text", equalTo("ambiguous: sarcasm?"));
        Map<String, Object> comment = written.jsonPath().getMap("");
        assertThat(comment.keySet()).containsExactly("event_id", "action", "at", "agent", "record_id", "text");
        assertThat(Instant.parse((String) comment.get("at"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(version("r1")).as("a comment changes nothing of the record").isEqualTo(versionBefore);

        label("admin", "r1", "Sports");
        as("admin", Roles.ADMIN).body(Map.of("text", "the guideline does not cover this")).post(NEWS + "r1/comments")
                .then().statusCode(201).body("agent", equalTo("admin"));

        given().auth().oauth2(TestTokens.withRole("vera", Roles.VIEWER, "team-a")).get(NEWS + "r1/history")
                .then().statusCode(200)
                .body("", hasSize(4))
                .body("action", contains("comment", "annotate", "comment", "annotate"))
                .body("agent", contains("admin", "admin", "bob", "ana"))
                .body("[0].text", equalTo("the guideline does not cover this"))
                .body("[2].event_id", equalTo(comment.get("event_id")))
                .body("[2].at", equalTo(comment.get("at")))
                .body("[2].text", equalTo("ambiguous: sarcasm?"))
                .body("[2].record_version", equalTo(versionBefore))
                .body("[2].before", nullValue())
                .body("[2].after", nullValue())
                .body("[1]", not(hasKey("text")))
                .body("[1].after.annotation.labels[0].class", equalTo("Sports"))
                .body("[3]", not(hasKey("text")));
    }

    @Test
    void aCommentIsOneTo2000CharactersOnceTrimmedElseA400NamingText() {
        for (String body : List.of("{\"text\": \"\"}", "{\"text\": \" \\n\\t \"}", "{}", "{\"text\": null}")) {
            as("ana", Roles.ANNOTATOR).body(body).post(NEWS + "r1/comments")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("text"))
                    .body("errors[0].reason", equalTo("is required: the comment, at least one character"));
        }
        as("ana", Roles.ANNOTATOR).post(NEWS + "r1/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));
        as("ana", Roles.ANNOTATOR).body(Map.of("text", "x".repeat(2001))).post(NEWS + "r1/comments")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].reason", equalTo("is 2001 characters long; a comment has at most 2000"))
                .body("detail", containsString("text"));

        as("ana", Roles.ANNOTATOR).body(Map.of("text", " " + "x".repeat(2000) + " ")).post(NEWS + "r1/comments")
                .then().statusCode(201);
        // characters as people count them: 2000 emoji are 4000 UTF-16 units
        as("ana", Roles.ANNOTATOR).body(Map.of("text", "🤔".repeat(2000))).post(NEWS + "r1/comments")
                .then().statusCode(201);
        history("r1").then().body("text", contains("🤔".repeat(2000), "x".repeat(2000)));
    }

    @Test
    void viewersAndTheIngestAccountMayNotCommentNorMayAnyoneWithoutAToken() {
        for (String role : List.of(Roles.VIEWER, Roles.INGEST)) {
            given().auth().oauth2(TestTokens.withRole("machine", role, "team-a")).contentType(ContentType.JSON)
                    .body(Map.of("text", "looks fine", "agent", "ana")).post(NEWS + "r1/comments")
                    .then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("text", "hello")).post(NEWS + "r1/comments")
                .then().statusCode(401);
        history("r1").then().body("", hasSize(0));
    }

    @Test
    void anotherWorkspacesDatasetAndAMissingRecordAre404() {
        given().auth().oauth2(TestTokens.withRole("root", Roles.ADMIN, "team-b")).contentType(ContentType.JSON)
                .body(Map.of("text", "hello")).post(NEWS + "r1/comments")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("Dataset 'news' not found"));
        as("ana", Roles.ANNOTATOR).body(Map.of("text", "hello")).post(NEWS + "missing/comments")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("Record 'missing' not found"));
        as("ana", Roles.ANNOTATOR).body(Map.of("text", "hello"))
                .post("/api/datasets/news/TokenClassification/records/r1/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("task"));
        history("r1").then().body("", hasSize(0));
        history("missing").then().body("", hasSize(0));
    }

    @Test
    void aClosedDatasetIs409() {
        data.es().send("POST", "/" + TestDatasets.LAYOUT.recordsIndex("team-a", "news") + "/_close", null);
        as("ana", Roles.ANNOTATOR).body(Map.of("text", "hello")).post(NEWS + "r1/comments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("closed"));
    }

    @Test
    void aCommentStaysOffTheLabelEventsTopicAndTheRelayGoesOnWithTheLabelAfterIt() {
        Map<TopicPartition, Long> mark = new AnnotationTopic().mark();

        String eventId = as("ana", Roles.ANNOTATOR).body(Map.of("text", "is this news?")).post(NEWS + "r2/comments")
                .then().statusCode(201).extract().path("event_id");
        label("ana", "r2", "Sports");

        List<ConsumerRecord<String, JsonNode>> events = new AnnotationTopic().events(mark,
                event -> event.path("record_id").asText().equals("r2"), 1, Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertThat(events).extracting(event -> event.value().path("action").asText()).containsExactly("annotate");
        assertThat(events.get(0).value().has("text")).as("label events carry no text field").isFalse();

        JsonNode stored = data.es().source(TestDatasets.LAYOUT.historyIndex(), eventId);
        assertThat(stored.path("action").asText()).isEqualTo("comment");
        assertThat(stored.path("text").asText()).isEqualTo("is this news?");
        assertThat(stored.path("published").asBoolean()).as("nothing owed to Kafka").isTrue();
        assertThat(stored.has("published_at")).as("never sent").isFalse();
    }

    private void label(String user, String id, String label) {
        String role = user.equals("admin") ? Roles.ADMIN : Roles.ANNOTATOR;
        as(user, role).header("If-Match", version(id))
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", label)))))
                .put(NEWS + id + "/annotation").then().statusCode(200);
    }

    private String version(String id) {
        return as("ana", Roles.ANNOTATOR).get(NEWS + id + "/annotation").then().statusCode(200).extract().path("version");
    }

    private static Response history(String id) {
        return given().auth().oauth2(TestTokens.withRole("vera", Roles.VIEWER, "team-a")).get(NEWS + id + "/history");
    }

    private static RequestSpecification as(String user, String role) {
        return given().auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

package io.rubrix.annotation.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

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

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class LabelResourceTest {

    private static final String NEWS = "/api/datasets/news/TextClassification/records/";
    private final TestDatasets data = new TestDatasets();

    @BeforeEach
    void datasetsOfEachTaskInTeamA() {
        data.reset()
                .dataset("team-a", "news", Task.TextClassification, List.of())
                .records("team-a", "news", Task.TextClassification, List.of(
                        TestDatasets.news("r1", "Cup final tonight", "Sports", 0.9),
                        TestDatasets.news("r2", "Stocks rally", "Sports", 0.7)))
                .dataset("team-a", "topics", Task.TextClassification, List.of("Sports", "Business"))
                .records("team-a", "topics", Task.TextClassification, List.of(
                        Map.of("id", "t1", "multi_label", true, "inputs", Map.of("text", "Stocks of football clubs"))))
                .dataset("team-a", "ner", Task.TokenClassification, List.of("PER", "LOC"))
                .records("team-a", "ner", Task.TokenClassification, List.of(Map.of("id", "n1",
                        "tokens", List.of("Ana", "lives", "in", "Paris"), "raw_text", "Ana lives in Paris",
                        "prediction", Map.of("agent", "ner-1", "entities",
                                List.of(Map.of("start", 0, "end", 3, "label", "PER"))))))
                .dataset("team-a", "summaries", Task.Text2Text, List.of())
                .records("team-a", "summaries", Task.Text2Text, List.of(Map.of("id", "s1",
                        "text", "A long article about the cup final.",
                        "prediction", Map.of("agent", "t5", "sentences", List.of(Map.of("text", "Cup final.", "score", 0.8))))));
    }

    @Test
    void anAnnotatorLabelsATextRecordAsHimselfAndTheVersionMoves() {
        String version = version(NEWS + "r2");
        Map<TopicPartition, Long> mark = new AnnotationTopic().mark();

        Response answer = as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", "\"" + version + "\"")
                .body(Map.of("annotation", Map.of("agent", "someone-else", "labels", List.of(Map.of("class", "Business")))))
                .put(NEWS + "r2/annotation");
        answer.then().statusCode(200)
                .body("record.annotation.agent", equalTo("ana"))
                .body("record.annotation.labels[0].class", equalTo("Business"))
                .body("record.annotation.labels[0].confidence", equalTo(1.0f))
                .body("record.status", equalTo("Validated"))
                .body("record.predicted", equalTo("ko"))
                .body("version", not(equalTo(version)));
        assertThat(answer.header("ETag")).isEqualTo("\"" + answer.path("version") + "\"");

        JsonNode stored = data.stored("team-a", "news", "r2");
        assertThat(stored.at("/annotated_as").toString()).isEqualTo("[\"Business\"]");
        assertThat(stored.at("/annotated_by").toString()).isEqualTo("[\"ana\"]");
        assertThat(stored.at("/prediction/agent").asText()).as("the prediction stays").isEqualTo("model-1");

        List<ConsumerRecord<String, JsonNode>> events = new AnnotationTopic().events(mark,
                event -> event.path("record_id").asText().equals("r2"), 1, Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0).value();
        assertThat(events.get(0).key()).isEqualTo("team-a/news/r2");
        assertThat(event.path("agent").asText()).isEqualTo("ana");
        assertThat(event.path("action").asText()).isEqualTo("annotate");
        assertThat(event.path("record_version").asText()).isEqualTo(answer.path("version").toString());
        assertThat(event.at("/before/status").asText()).isEqualTo("Default");
        assertThat(event.at("/before/annotation").isNull()).isTrue();
        assertThat(event.at("/after/status").asText()).isEqualTo("Validated");
        assertThat(event.at("/after/annotation/labels/0/class").asText()).isEqualTo("Business");
        assertThat(event.has("published")).as("outbox bookkeeping stays out of the event").isFalse();
    }

    @Test
    void multiLabelRecordsTakeSeveralLabelsOrNone() {
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version("/api/datasets/topics/TextClassification/records/t1"))
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Sports"), Map.of("class", "Business")))))
                .put("/api/datasets/topics/TextClassification/records/t1/annotation")
                .then().statusCode(200)
                .body("record.annotation.labels.class", contains("Sports", "Business"));
        assertThat(data.stored("team-a", "topics", "t1").at("/annotated_as").toString())
                .isEqualTo("[\"Sports\",\"Business\"]");
    }

    @Test
    void aSingleLabelRecordTakesExactlyOneLabel() {
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version(NEWS + "r1"))
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Sports"), Map.of("class", "Business")))))
                .put(NEWS + "r1/annotation")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("annotation.labels"))
                .body("detail", containsString("exactly one label, not 2"));
    }

    @Test
    void entitiesAreCheckedAgainstTheTokensAndTheSchema() {
        String path = "/api/datasets/ner/TokenClassification/records/n1";
        String version = version(path);
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version)
                .body(Map.of("annotation", Map.of("entities", List.of(Map.of("start", 0, "end", 2, "label", "PER")))))
                .put(path + "/annotation")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("annotation.entities[0].end"))
                .body("errors[0].reason", containsString("token"));
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version)
                .body(Map.of("annotation", Map.of("entities", List.of(Map.of("start", 13, "end", 18, "label", "CITY")))))
                .put(path + "/annotation")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("annotation.entities[0].label"))
                .body("detail", containsString("label 'CITY' is not in the dataset's label schema [PER, LOC]"));
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version)
                .body(Map.of("annotation", Map.of("entities", List.of(Map.of("start", 0, "end", 3, "label", "PER"),
                        Map.of("start", 13, "end", 18, "label", "LOC")))))
                .put(path + "/annotation")
                .then().statusCode(200)
                .body("record.annotation.entities.label", contains("PER", "LOC"))
                .body("record.predicted", equalTo("ko"));
        assertThat(data.stored("team-a", "ner", "n1").at("/annotated_as").toString()).isEqualTo("[\"PER\",\"LOC\"]");
    }

    @Test
    void aText2TextAnnotationIsASentence() {
        String path = "/api/datasets/summaries/Text2Text/records/s1";
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version(path))
                .body(Map.of("annotation", Map.of("sentences", List.of(Map.of("text", "The cup final.")))))
                .put(path + "/annotation")
                .then().statusCode(200)
                .body("record.annotation.sentences[0].text", equalTo("The cup final."))
                .body("record.annotation.agent", equalTo("ana"))
                .body("record.status", equalTo("Validated"));
    }

    @Test
    void statusChangesValidateThePredictionDiscardAndGoBackToDefault() {
        String path = "/api/datasets/ner/TokenClassification/records/n1";
        String validated = as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version(path))
                .body(Map.of("status", "Validated")).put(path + "/annotation")
                .then().statusCode(200)
                .body("record.annotation.entities[0].label", equalTo("PER"))
                .body("record.annotation.agent", equalTo("ana"))
                .body("record.predicted", equalTo("ok"))
                .extract().path("version");
        String discarded = as("bob", Roles.ANNOTATOR, "team-a").body(Map.of("status", "Discarded", "version", validated))
                .put(path + "/annotation")
                .then().statusCode(200)
                .body("record.status", equalTo("Discarded"))
                .body("record.annotation.entities[0].label", equalTo("PER"))
                .extract().path("version");
        as("bob", Roles.ANNOTATOR, "team-a").body(Map.of("status", "Default", "version", discarded))
                .put(path + "/annotation")
                .then().statusCode(200)
                .body("record.status", equalTo("Default"))
                .body("record.annotation", nullValue())
                .body("record.predicted", nullValue());

        given().auth().oauth2(token("vera", Roles.VIEWER, "team-a")).get(path + "/history")
                .then().statusCode(200)
                .body("", hasSize(3))
                .body("after.status", contains("Default", "Discarded", "Validated"))
                .body("agent", contains("bob", "bob", "ana"))
                .body("[0].before.annotation.entities[0].label", equalTo("PER"))
                .body("[0].after.annotation", nullValue());
    }

    @Test
    void aDatasetLoggedAgainUnderItsNameStartsWithoutTheHistoryOfTheDeletedOne() {
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version(NEWS + "r1"))
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                .put(NEWS + "r1/annotation").then().statusCode(200);
        given().auth().oauth2(token("vera", Roles.VIEWER, "team-a")).get(NEWS + "r1/history")
                .then().statusCode(200).body("", hasSize(1));

        data.recreated("team-a", "news", Task.TextClassification, Instant.now())
                .records("team-a", "news", Task.TextClassification, List.of(TestDatasets.news("r1", "Again", "Sports", 0.6)));

        given().auth().oauth2(token("vera", Roles.VIEWER, "team-a")).get(NEWS + "r1/history")
                .then().statusCode(200).body("", hasSize(0));
        as("bob", Roles.ANNOTATOR, "team-a").header("If-Match", version(NEWS + "r1"))
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Business")))))
                .put(NEWS + "r1/annotation").then().statusCode(200);
        given().auth().oauth2(token("vera", Roles.VIEWER, "team-a")).get(NEWS + "r1/history")
                .then().statusCode(200).body("agent", contains("bob"));
    }

    @Test
    void twoWritesOverTheSameVersionOneWinsTheOtherGets409WithTheRecordAsItIsNow() throws Exception {
        String version = version(NEWS + "r1");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> writes = new ArrayList<>();
        for (String label : List.of("Sports", "Business")) {
            writes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return as("user-" + label, Roles.ANNOTATOR, "team-a").header("If-Match", version)
                        .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", label)))))
                        .put(NEWS + "r1/annotation");
            }));
        }
        start.countDown();
        List<Response> answers = writes.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 409);
        Response won = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow();
        Response lost = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        String winner = won.path("record.annotation.labels[0].class");
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat((String) lost.path("version")).isEqualTo(won.path("version"));
        assertThat((String) lost.path("record.annotation.labels[0].class")).isEqualTo(winner);
        assertThat(data.stored("team-a", "news", "r1").at("/annotation/labels/0/class").asText()).isEqualTo(winner);

        as("late", Roles.ANNOTATOR, "team-a").header("If-Match", version)
                .body(Map.of("status", "Discarded")).put(NEWS + "r1/annotation")
                .then().statusCode(409).body("record.status", equalTo("Validated"));
    }

    @Test
    void aWriteWithoutVersionIs428AndAMalformedOneIs400() {
        as("ana", Roles.ANNOTATOR, "team-a").body(Map.of("status", "Discarded")).put(NEWS + "r1/annotation")
                .then().statusCode(428).body("detail", containsString("version"));
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", "yesterday")
                .body(Map.of("status", "Discarded")).put(NEWS + "r1/annotation")
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version(NEWS + "r1"))
                .body(Map.of("status", "Default", "annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                .put(NEWS + "r1/annotation")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        as("ana", Roles.ANNOTATOR, "team-a").header("If-Match", version(NEWS + "r1"))
                .body(Map.of("status", "Maybe")).put(NEWS + "r1/annotation")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        assertThat(data.stored("team-a", "news", "r1").has("annotation")).isFalse();
    }

    @Test
    void viewersAndModelsMayNotLabelAndOtherWorkspacesSeeNothing() {
        String version = version(NEWS + "r1");
        for (String role : List.of(Roles.VIEWER, Roles.INGEST)) {
            as("x", role, "team-a").header("If-Match", version).body(Map.of("status", "Discarded"))
                    .put(NEWS + "r1/annotation").then().statusCode(403);
        }
        as("x", Roles.ADMIN, "team-b").header("If-Match", version).body(Map.of("status", "Discarded"))
                .put(NEWS + "r1/annotation").then().statusCode(404)
                .body("detail", containsString("Dataset 'news' not found"));
        as("x", Roles.ANNOTATOR, "team-a").header("If-Match", version).body(Map.of("status", "Discarded"))
                .put(NEWS + "missing/annotation").then().statusCode(404)
                .body("detail", containsString("Record 'missing' not found"));
        as("x", Roles.ANNOTATOR, "team-a").header("If-Match", version).body(Map.of("status", "Discarded"))
                .put("/api/datasets/news/TokenClassification/records/r1/annotation").then().statusCode(400)
                .body("errors[0].field", equalTo("task"));
        given().contentType(ContentType.JSON).body(Map.of("status", "Discarded")).put(NEWS + "r1/annotation")
                .then().statusCode(401);
        assertThat(data.stored("team-a", "news", "r1").path("status").asText()).isEqualTo("Default");
    }

    private String version(String recordPath) {
        return given().auth().oauth2(token("ana", Roles.ANNOTATOR, "team-a")).get(recordPath + "/annotation")
                .then().statusCode(200).extract().path("version");
    }

    static RequestSpecification as(String user, String role, String workspace) {
        return given().auth().oauth2(token(user, role, workspace)).contentType(ContentType.JSON);
    }

    static String token(String user, String role, String workspace) {
        return TestTokens.withRole(user, role, workspace);
    }
}

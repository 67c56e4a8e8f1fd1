package io.rubrix.annotation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.rubrix.annotation.AnnotationTopic;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkJobsTest {

    private static final String NEWS = "/api/datasets/news/TextClassification/";
    private static final String HISTORY = TestDatasets.LAYOUT.historyIndex();
    private final TestDatasets data = new TestDatasets();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void threeNewsRecords() {
        data.reset()
                .dataset("team-a", "news", Task.TextClassification, List.of("Sports", "Business"))
                .records("team-a", "news", Task.TextClassification, List.of(
                        TestDatasets.news("r1", "Cup final tonight", "Sports", 0.9),
                        TestDatasets.news("r2", "Stocks rally", "Sports", 0.7),
                        TestDatasets.news("r3", "Derby ends in a draw", "Sports", 0.8)));
    }

    @Test
    void selectedRecordsAreLabelledWhileTheCallerWaitsAndUnknownIdsAreReported() {
        Map<TopicPartition, Long> mark = new AnnotationTopic().mark();
        as("ana", Roles.ANNOTATOR).body(Map.of("ids", List.of("r1", "r2", "nope"),
                        "annotation", Map.of("labels", List.of(Map.of("class", "Business")))))
                .post(NEWS + "bulk-annotations")
                .then().statusCode(200)
                .body("state", equalTo("done"))
                .body("kind", equalTo("annotate"))
                .body("total", equalTo(3))
                .body("done", equalTo(2))
                .body("failed", equalTo(1))
                .body("errors[0].id", equalTo("nope"))
                .body("errors[0].reason", equalTo("no such record in this dataset"));

        assertThat(data.stored("team-a", "news", "r1").at("/annotation/agent").asText()).isEqualTo("ana");
        assertThat(data.stored("team-a", "news", "r2").at("/annotated_as/0").asText()).isEqualTo("Business");
        assertThat(data.stored("team-a", "news", "r2").at("/status").asText()).isEqualTo("Validated");
        assertThat(data.stored("team-a", "news", "r3").has("annotation")).as("not selected").isFalse();

        List<ConsumerRecord<String, JsonNode>> events = new AnnotationTopic().events(mark,
                event -> event.path("dataset").asText().equals("news") && !event.path("job_id").isNull(), 2,
                Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(events).extracting(e -> e.value().path("record_id").asText()).containsExactlyInAnyOrder("r1", "r2");
        assertThat(events).allMatch(e -> e.value().at("/after/annotation/labels/0/class").asText().equals("Business"));
    }

    @Test
    void recordsChangedSinceThePersonSawThemAreReportedNotOverwritten() {
        String seen = given().auth().oauth2(token("ana", Roles.ANNOTATOR))
                .get(NEWS + "records/r1/annotation").then().extract().path("version");
        as("bob", Roles.ANNOTATOR).header("If-Match", seen).body(Map.of("status", "Discarded"))
                .put(NEWS + "records/r1/annotation").then().statusCode(200);

        as("ana", Roles.ANNOTATOR).body(Map.of("ids", List.of("r1"), "versions", Map.of("r1", seen), "status", "Validated"))
                .post(NEWS + "bulk-annotations")
                .then().statusCode(200)
                .body("done", equalTo(0))
                .body("conflicts", equalTo(1))
                .body("conflicted_ids", contains("r1"));
        assertThat(data.stored("team-a", "news", "r1").path("status").asText()).isEqualTo("Discarded");
    }

    @Test
    void aLabelOutsideTheSchemaIs400BeforeAnyRecordIsTouched() {
        as("ana", Roles.ANNOTATOR).body(Map.of("query", Map.of(),
                        "annotation", Map.of("labels", List.of(Map.of("class", "Weather")))))
                .post(NEWS + "bulk-annotations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("annotation.labels[0].class"))
                .body("detail", containsString("'Weather' is not in the dataset's label schema"));
        as("ana", Roles.ANNOTATOR).body(Map.of("status", "Validated")).post(NEWS + "bulk-annotations")
                .then().statusCode(400).body("errors[0].field", equalTo("query"));
        as("ana", Roles.ANNOTATOR).body(Map.of("query", Map.of("query_text", "(("), "status", "Validated"))
                .post(NEWS + "bulk-annotations")
                .then().statusCode(400).body("errors[0].field", equalTo("query"));
        assertThat(data.es().visibleCount(HISTORY + "*")).isZero();
    }

    @Test
    void aQueryJobLabelsEveryOneOfMoreThanTenThousandRecordsExactlyOnceWithProgressAlongTheWay() throws Exception {
        int total = 12_345;
        load("big", total);

        Response started = as("ana", Roles.ANNOTATOR)
                .body(Map.of("query", Map.of("predicted_as", List.of("Sports")), "status", "Validated"))
                .post("/api/datasets/big/TextClassification/bulk-annotations");
        started.then().statusCode(202).body("state", equalTo("running")).body("total", equalTo(total));
        String location = started.header("Location");
        assertThat(location).endsWith("/api/jobs/" + started.path("id"));

        List<Integer> seen = new ArrayList<>();
        JsonNode job = follow(location, seen);
        assertThat(job.path("state").asText()).isEqualTo("done");
        assertThat(job.path("done").asInt()).isEqualTo(total);
        assertThat(job.path("failed").asInt() + job.path("conflicts").asInt()).isZero();
        assertThat(seen).as("progress observed between start and end").anyMatch(done -> done > 0 && done < total);

        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "big");
        assertThat(count(index, Map.of("term", Map.of("status", "Validated")))).isEqualTo(total);
        assertThat(count(index, Map.of("term", Map.of("annotated_by", "ana")))).isEqualTo(total);
        String jobId = started.path("id");
        assertThat(count(HISTORY, Map.of("term", Map.of("job_id", jobId)))).as("one history event per record")
                .isEqualTo(total);
        JsonNode distinct = data.es().send("POST", "/" + HISTORY + "/_search", Map.of("size", 0,
                "query", Map.of("term", Map.of("job_id", jobId)),
                "aggs", Map.of("records", Map.of("cardinality", Map.of("field", "record_id", "precision_threshold", 40000)))));
        assertThat(distinct.at("/aggregations/records/value").asInt()).isEqualTo(total);
    }

    @Test
    void aCancelledJobStopsBeforeItsNextPageAndKeepsWhatItDid() throws Exception {
        int total = 12_000;
        load("big", total);
        Response started = as("ana", Roles.ANNOTATOR).body(Map.of("query", Map.of(), "status", "Discarded"))
                .post("/api/datasets/big/TextClassification/bulk-annotations");
        started.then().statusCode(202);
        String location = started.header("Location");

        given().auth().oauth2(token("eve", Roles.ANNOTATOR)).post(location + "/cancel")
                .then().statusCode(403);
        given().auth().oauth2(token("ana", Roles.ANNOTATOR)).post(location + "/cancel")
                .then().statusCode(200).body("cancel_requested", equalTo(true));

        JsonNode job = follow(location, new ArrayList<>());
        assertThat(job.path("state").asText()).isEqualTo("cancelled");
        int done = job.path("done").asInt();
        assertThat(done).isLessThan(total);
        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "big");
        assertThat(count(index, Map.of("term", Map.of("status", "Discarded")))).as("what it did stays").isEqualTo(done);
        assertThat(count(HISTORY, Map.of("term", Map.of("job_id", (String) started.path("id")))))
                .as("every change it made is in the history").isEqualTo(done);
    }

    @Test
    void adminsDeleteRecordsByIdsOrQueryAndTheHistoryKeepsThem() throws Exception {
        as("ana", Roles.ANNOTATOR).body(Map.of("ids", List.of("r1"))).post(NEWS + "bulk-deletions")
                .then().statusCode(403);
        as("root", Roles.ADMIN).body(Map.of("ids", List.of("r1")))
                .post(NEWS + "bulk-deletions")
                .then().statusCode(200).body("kind", equalTo("delete")).body("done", equalTo(1));
        Response byQuery = as("root", Roles.ADMIN).body(Map.of("query", Map.of("query_text", "stocks")))
                .post(NEWS + "bulk-deletions");
        byQuery.then().statusCode(202);
        JsonNode job = follow(byQuery.header("Location"), new ArrayList<>());
        assertThat(job.path("done").asInt()).isEqualTo(1);

        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "news");
        assertThat(data.es().count(index)).isEqualTo(1);
        assertThat(data.stored("team-a", "news", "r3").path("id").asText()).isEqualTo("r3");
        given().auth().oauth2(token("vera", Roles.VIEWER)).get(NEWS + "records/r2/history")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].action", equalTo("delete"))
                .body("[0].agent", equalTo("root"))
                .body("[0].after", org.hamcrest.Matchers.nullValue())
                .body("[0].before.status", equalTo("Default"));
    }

    @Test
    void viewersAndModelsMayNotLabelInBulkAndOtherWorkspacesSeeNoDataset() {
        for (String role : List.of(Roles.VIEWER, Roles.INGEST)) {
            as("x", role).body(Map.of("query", Map.of(), "status", "Discarded")).post(NEWS + "bulk-annotations")
                    .then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.withRole("mallory", Roles.ADMIN, "team-b")).contentType(ContentType.JSON)
                .body(Map.of("query", Map.of(), "status", "Discarded")).post(NEWS + "bulk-annotations")
                .then().statusCode(404).body("detail", containsString("Dataset 'news' not found"));
        as("ana", Roles.ANNOTATOR).body(Map.of("ids", List.of(), "status", "Discarded")).post(NEWS + "bulk-annotations")
                .then().statusCode(400).body("errors[0].field", equalTo("ids"));
        assertThat(data.stored("team-a", "news", "r1").path("status").asText()).isEqualTo("Default");
    }

    @Test
    void jobsOfAnotherWorkspaceAreNotFound() {
        String id = as("ana", Roles.ANNOTATOR).body(Map.of("ids", List.of("r1"), "status", "Discarded"))
                .post(NEWS + "bulk-annotations").then().statusCode(200).extract().path("id");
        given().auth().oauth2(TestTokens.withRole("mallory", Roles.ADMIN, "team-b")).get("/api/jobs/" + id)
                .then().statusCode(404);
        given().auth().oauth2(token("vera", Roles.VIEWER)).get("/api/jobs/" + id)
                .then().statusCode(200).body("done", equalTo(1)).body("created_by", equalTo("ana"));
    }

    /** Polls the job until it ends, noting the progress seen on the way. */
    private JsonNode follow(String location, List<Integer> seen) {
        return await("the job at " + location + " to end").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50)).pollInSameThread()
                .until(() -> {
                    String body = given().auth().oauth2(token("ana", Roles.ANNOTATOR)).get(location)
                            .then().statusCode(200).extract().asString();
                    JsonNode job = json.readTree(body);
                    seen.add(job.path("done").asInt());
                    return job;
                }, job -> !job.path("state").asText().equals("running"));
    }

    private void load(String name, int total) {
        data.dataset("team-a", name, Task.TextClassification, List.of());
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < total; i++) {
            TextClassificationRecord record = json.convertValue(
                    TestDatasets.news("b" + i, "Match report number " + i, "Sports", 0.9), TextClassificationRecord.class)
                    .stampedAt(Instant.parse("2026-11-28T10:00:00Z"));
            data.appendIndexAction(bulk, "team-a", name, record);
            if ((i + 1) % 2000 == 0 || i == total - 1) {
                JsonNode answer = data.es().send("POST", "/_bulk", bulk.toString());
                assertThat(answer.path("errors").asBoolean()).isFalse();
                bulk.setLength(0);
            }
        }
        assertThat(data.es().count(TestDatasets.LAYOUT.recordsIndex("team-a", name))).isEqualTo(total);
    }

    private long count(String index, Map<String, Object> query) {
        data.es().send("POST", "/" + index + "/_refresh", null);
        return data.es().send("POST", "/" + index + "/_count", Map.of("query", query)).path("count").asLong();
    }

    private static RequestSpecification as(String user, String role) {
        return given().auth().oauth2(token(user, role)).contentType(ContentType.JSON);
    }

    private static String token(String user, String role) {
        return TestTokens.withRole(user, role, "team-a");
    }
}

package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
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

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkResourceTest {

    private static final String PREFIX = "rubrix-test-ingest";
    private static final String RECORDS = PREFIX + ".records.team-a.";
    private static final String DATASETS = PREFIX + ".datasets";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void logsTextClassificationRecordsWithDerivedFieldsAndCreatesTheDataset() {
        Map<String, Object> body = Map.of(
                "tags", Map.of("model", "zero-shot"),
                "metadata", Map.of("owner-team", "nlp"),
                "records", List.of(
                        textRecord("r1", "Stocks rally as markets rise", "Business", 0.8, "World", 0.2),
                        Map.of("id", "r2", "inputs", Map.of("title", "Cup final tonight", "body", "The match starts"),
                                "prediction", Map.of("agent", "zero-shot-v1", "labels", List.of(
                                        Map.of("class", "Sports", "confidence", 0.9))),
                                "metadata", Map.of("source", Map.of("feed", "bbc")),
                                "event_timestamp", "2026-11-28T10:00:00")));

        as(Roles.INGEST).body(body).post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(200)
                .body("dataset", equalTo("news"))
                .body("processed", equalTo(2))
                .body("failed", equalTo(0));

        assertThat(es.visibleCount(RECORDS + "news")).as("searchable when the call returns").isEqualTo(2);
        JsonNode r2 = es.source(RECORDS + "news", "r2");
        assertThat(r2.at("/predicted_as/0").asText()).isEqualTo("Sports");
        assertThat(r2.at("/predicted_by/0").asText()).isEqualTo("zero-shot-v1");
        assertThat(r2.get("score").asDouble()).isEqualTo(0.9);
        assertThat(r2.get("words").asText().split("\n")).containsExactlyInAnyOrder("Cup final tonight", "The match starts");
        assertThat(r2.get("metadata").get("source.feed").asText()).isEqualTo("bbc");
        assertThat(r2.get("event_timestamp").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(r2.get("status").asText()).isEqualTo("Default");
        assertThat(r2.has("last_updated")).isTrue();

        JsonNode dataset = es.source(DATASETS, "team-a.news");
        assertThat(dataset.get("task").asText()).isEqualTo("TextClassification");
        assertThat(dataset.get("workspace").asText()).isEqualTo("team-a");
        assertThat(dataset.get("owner").asText()).isEqualTo("team-a");
        assertThat(dataset.get("created_by").asText()).isEqualTo("model-bot");
        assertThat(dataset.at("/tags/model").asText()).isEqualTo("zero-shot");
        assertThat(dataset.at("/metadata/owner-team").asText()).isEqualTo("nlp");
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
    void concurrentChunksWithTagsAllLand() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int chunk = 0; chunk < 8; chunk++) {
            List<Object> records = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                records.add(textRecord("c" + chunk + "-" + i, "text " + i, "A", 0.5, "B", 0.5));
            }
            Map<String, Object> body = Map.of("tags", Map.of("chunk", "c" + chunk), "records", records);
            answers.add(pool.submit(() -> as(Roles.INGEST).queryParam("refresh", "false").body(body)
                    .post("/api/datasets/parallel/TextClassification:bulk").then().statusCode(200)
                    .extract().path("processed")));
        }
        pool.shutdown();
        // Every request ends before any assertion, so that none runs on into the next test's fresh indices.
        assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        int processed = 0;
        for (java.util.concurrent.Future<Integer> answer : answers) {
            processed += answer.get();
        }

        assertThat(processed).isEqualTo(400);
        assertThat(es.count(RECORDS + "parallel")).isEqualTo(400);
    }

    @Test
    void logsTokenClassificationRecords() {
        Map<String, Object> record = Map.of("id", "t1", "tokens", List.of("Ana", "plays", "Muse"),
                "raw_text", "Ana plays Muse",
                "prediction", Map.of("agent", "spacy", "score", 0.7, "entities", List.of(
                        Map.of("start", 0, "end", 3, "label", "PER"), Map.of("start", 10, "end", 14, "label", "BAND"))));

        as(Roles.INGEST).body(Map.of("records", List.of(record))).post("/api/datasets/ner/TokenClassification:bulk")
                .then().statusCode(200).body("processed", equalTo(1)).body("failed", equalTo(0));

        JsonNode t1 = es.source(RECORDS + "ner", "t1");
        assertThat(t1.get("predicted_as").toString()).isEqualTo("[\"PER\",\"BAND\"]");
        assertThat(t1.get("score").asDouble()).isEqualTo(0.7);
        assertThat(t1.get("words").asText()).isEqualTo("Ana plays Muse");
    }

    @Test
    void logsText2TextRecords() {
        Map<String, Object> record = Map.of("id", 7, "text", "The cat sleeps.",
                "prediction", Map.of("agent", "t5", "sentences", List.of(Map.of("text", "Le chat dort.", "score", 0.6))));

        as(Roles.ADMIN).body(Map.of("records", List.of(record))).post("/api/datasets/mt/Text2Text:bulk")
                .then().statusCode(200).body("processed", equalTo(1));

        JsonNode stored = es.source(RECORDS + "mt", "7");
        assertThat(stored.get("id").isInt()).as("an integer id stays an integer").isTrue();
        assertThat(stored.get("score").asDouble()).isEqualTo(0.6);
        assertThat(stored.at("/predicted_by/0").asText()).isEqualTo("t5");
    }

    @Test
    void invalidRecordsAreListedAndValidOnesIndexed() {
        List<Object> records = List.of(
                textRecord("ok1", "fine", "A", 0.6, "B", 0.4),
                textRecord("bad-sum", "too sure", "A", 0.9, "B", 0.9),
                Map.of("id", "bad-inputs", "inputs", Map.of()),
                Map.of("id", "bad-type", "inputs", Map.of("t", "x"), "prediction",
                        Map.of("agent", "m", "labels", List.of(Map.of("class", "A", "confidence", "high")))),
                textRecord("ok2", "also fine", "A", 1.0, "B", 0.0));

        as(Roles.INGEST).body(Map.of("records", records)).post("/api/datasets/mixed/TextClassification:bulk")
                .then().statusCode(200)
                .body("processed", equalTo(2))
                .body("failed", equalTo(3))
                .body("errors", hasSize(3))
                .body("errors.index", contains(1, 2, 3))
                .body("errors.id", contains("bad-sum", "bad-inputs", "bad-type"))
                .body("errors.field", contains("prediction.labels", "inputs", "prediction.labels[0].confidence"))
                .body("errors[0].reason", containsString("sum to 1.8"))
                .body("errors[1].reason", equalTo("must have at least one input"));

        assertThat(es.count(RECORDS + "mixed")).isEqualTo(2);
        assertThat(es.source(RECORDS + "mixed", "ok2").get("id").asText()).isEqualTo("ok2");
    }

    @Test
    void ingestedAndRejectedRecordsAreCounted() {
        double ingestedBefore = metric("rubrix_ingest_records_total{source=\"http\"}");
        double rejectedBefore = metric("rubrix_ingest_records_rejected_total{source=\"http\"}");

        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("m1", "t", "A", 1.0, "B", 0.0),
                        Map.of("id", "m2", "inputs", Map.of()))))
                .post("/api/datasets/metered/TextClassification:bulk").then().statusCode(200);

        assertThat(metric("rubrix_ingest_records_total{source=\"http\"}") - ingestedBefore).isEqualTo(1.0);
        assertThat(metric("rubrix_ingest_records_rejected_total{source=\"http\"}") - rejectedBefore).isEqualTo(1.0);
    }

    private static double metric(String name) {
        String metrics = ConfigProvider.getConfig().getValue("test.management.url", String.class) + "/metrics";
        String line = given().get(metrics).then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(name + " ")).findFirst().orElse(name + " 0");
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
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

    @Test
    void aMachineWriteKeepsTheHumanLabel() {
        as(Roles.INGEST).body(Map.of("records", List.of(textRecord("h1", "text", "A", 0.7, "B", 0.3))))
                .post("/api/datasets/human/TextClassification:bulk").then().statusCode(200);
        // a person labels it (as annotation-service does: a partial update of annotation and status)
        es.send("POST", "/" + RECORDS + "human/_update/h1?refresh=true", Map.of("doc", Map.of(
                "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "B", "confidence", 1.0))),
                "status", "Validated", "annotated_as", List.of("B"), "annotated_by", List.of("ana"))));

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

    /** A person labels a record, as annotation-service does: a partial update of annotation and status. */
    private void label(String dataset, String id, String label) {
        es.send("POST", "/" + RECORDS + dataset + "/_update/" + id + "?refresh=true", Map.of("doc", Map.of(
                "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", label, "confidence", 1.0))),
                "status", "Validated", "annotated_as", List.of(label), "annotated_by", List.of("ana"))));
    }

    @Test
    void anIncomingAnnotationOfAPersonReplacesTheStoredOne() {
        Map<String, Object> labelled = Map.of("id", "i1", "inputs", Map.of("text", "t"), "status", "Validated",
                "annotation", Map.of("agent", "import", "labels", List.of(Map.of("class", "A"))));
        as(Roles.ANNOTATOR).body(Map.of("records", List.of(labelled))).post("/api/datasets/imported/TextClassification:bulk");
        Map<String, Object> relabelled = Map.of("id", "i1", "inputs", Map.of("text", "t"), "status", "Validated",
                "annotation", Map.of("agent", "import", "labels", List.of(Map.of("class", "C"))));
        as(Roles.ANNOTATOR).body(Map.of("records", List.of(relabelled))).post("/api/datasets/imported/TextClassification:bulk");

        assertThat(es.source(RECORDS + "imported", "i1").at("/annotation/labels/0/class").asText()).isEqualTo("C");
    }

    @Test
    void aBulkOfAnotherTaskNamesBothTasks() {
        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/typed/TextClassification:bulk")
                .then().statusCode(200);

        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/typed/TokenClassification:bulk")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("task: dataset 'typed' is a TextClassification dataset, not TokenClassification"))
                .body("errors[0].field", equalTo("task"));
    }

    @Test
    void aMalformedBodyIs400AndWritesNothing() {
        as(Roles.INGEST).body("{\"records\": [{\"id\": \"x\", ").post("/api/datasets/broken/TextClassification:bulk")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"));
        as(Roles.INGEST).body(Map.of("records", "not a list")).post("/api/datasets/broken/TextClassification:bulk")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("records"));

        assertThat(es.source(DATASETS, "team-a.broken").isMissingNode()).isTrue();
    }

    @Test
    void aBodyOverTheLimitIs413AndWritesNothing() {
        String text = "word ".repeat(1000);
        List<Object> records = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> (Object) Map.of("id", "big" + i, "inputs", Map.of("text", text))).toList();

        as(Roles.INGEST).body(Map.of("records", records)).post("/api/datasets/huge/TextClassification:bulk")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("detail", containsString("the limit is 1048576 bytes"));

        assertThat(es.source(DATASETS, "team-a.huge").isMissingNode()).isTrue();
    }

    @Test
    void aColonSentPercentEncodedReachesTheSameEndpoint() {
        given().auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a")).contentType(ContentType.JSON)
                .body(Map.of("records", List.of(textRecord("e1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/encoded/TextClassification:bulk") // RestAssured sends the colon as %3A
                .then().statusCode(200).body("processed", equalTo(1));

        assertThat(es.count(RECORDS + "encoded")).isEqualTo(1);
    }

    @Test
    void anInvalidDatasetNameIs422() {
        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/Bad_Name/TextClassification:bulk")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("detail", containsString("does not match"));
    }

    @Test
    void anUnknownTaskIs400() {
        as(Roles.INGEST).body(Map.of("records", List.of())).post("/api/datasets/x/Summarization:bulk")
                .then().statusCode(400).body("detail", containsString("No task 'Summarization'"))
                .body("errors[0].field", equalTo("task"));
    }

    @Test
    void viewersMayNotLogAndAnonymousCallersAreAskedToLogIn() {
        as(Roles.VIEWER).body(Map.of("records", List.of())).post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().contentType(ContentType.JSON).body(Map.of("records", List.of()))
                .post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Unauthorized"));

        assertThat(es.source(DATASETS, "team-a.news").isMissingNode()).isTrue();
    }

    @Test
    void annotatorsAndAdminsMayLog() {
        as(Roles.ANNOTATOR).body(Map.of("records", List.of(textRecord("a1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/by-annotator/TextClassification:bulk").then().statusCode(200).body("processed", equalTo(1));
    }

    @Test
    void aRequestMayNameOneOfItsWorkspacesButNotAnother() {
        given().auth().oauth2(TestTokens.withRole("multi", Roles.INGEST, "team-a", "team-b"))
                .contentType(ContentType.JSON).queryParam("workspace", "team-b")
                .body(Map.of("records", List.of(textRecord("w1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/shared/TextClassification:bulk").then().statusCode(200);
        assertThat(es.count(PREFIX + ".records.team-b.shared")).isEqualTo(1);

        given().auth().oauth2(TestTokens.withRole("multi", Roles.INGEST, "team-a"))
                .contentType(ContentType.JSON).header("X-Rubrix-Workspace", "team-c")
                .body(Map.of("records", List.of()))
                .post("/api/datasets/shared/TextClassification:bulk").then().statusCode(404);
    }

    @Test
    void refreshFalseSkipsWaitingForVisibility() {
        as(Roles.INGEST).queryParam("refresh", "false")
                .body(Map.of("records", List.of(textRecord("f1", "t", "A", 1.0, "B", 0.0))))
                .post("/api/datasets/fast/TextClassification:bulk").then().statusCode(200).body("processed", equalTo(1));

        assertThat(es.count(RECORDS + "fast")).isEqualTo(1);
    }

    private static RequestSpecification as(String role) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("model-bot", role, "team-a"))
                .contentType(ContentType.JSON);
    }

    private static Map<String, Object> textRecord(String id, String text, String l1, double c1, String l2, double c2) {
        return Map.of("id", id, "inputs", Map.of("text", text), "prediction", Map.of("agent", "zero-shot-v1",
                "labels", List.of(Map.of("class", l1, "confidence", c1), Map.of("class", l2, "confidence", c2))));
    }
}

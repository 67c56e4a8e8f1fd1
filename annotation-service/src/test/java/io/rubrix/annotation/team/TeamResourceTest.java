package io.rubrix.annotation.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

/** Responses per person, the queue, the final-annotation rule and review (ADR 0012), against Elasticsearch and Kafka. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class TeamResourceTest {

    private static final String NEWS = "/api/datasets/news/TextClassification";
    private final TestDatasets data = new TestDatasets();

    @BeforeEach
    void aNewsDatasetOfThreeRecords() {
        data.reset()
                .dataset("team-a", "news", Task.TextClassification, List.of("Sports", "Business"))
                .records("team-a", "news", Task.TextClassification, List.of(
                        TestDatasets.news("r1", "Cup final tonight", "Sports", 0.9),
                        TestDatasets.news("r2", "Stocks rally", "Business", 0.7),
                        TestDatasets.news("r3", "Club shares fall", "Business", 0.6)));
    }

    @Test
    void eachPersonsResponseIsTheirsAndOnlyReviewersReadEveryone() {
        data.team("team-a", "news", Map.of("min_submitted", 3));
        respond("ana", "r1", "submitted", "Sports", null).then().statusCode(200)
                .body("responses", hasSize(1))
                .body("responses[0].user", equalTo("ana"))
                .body("responses[0].version", equalTo(1))
                .body("record.annotation", nullValue())
                .body("record.status", equalTo("Default"));
        respond("ben", "r1", "submitted", "Business", null).then().statusCode(200)
                .body("responses.user", contains("ben"));
        respond("cai", "r1", "draft", "Sports", null).then().statusCode(200);

        as("ana", Roles.ANNOTATOR).get(NEWS + "/records/r1/responses").then().statusCode(200)
                .body("responses.user", contains("ana"))
                .body("responses[0].annotation.labels[0].class", equalTo("Sports"))
                .body("responses[0].annotation.agent", equalTo("ana"));
        as("rita", Roles.REVIEWER).get(NEWS + "/records/r1/responses").then().statusCode(200)
                .body("responses.user", contains("ana", "ben", "cai"))
                .body("responses.status", contains("submitted", "submitted", "draft"))
                .body("answers", equalTo(2))
                .body("agreed", equalTo(false))
                .body("complete", equalTo(false));

        JsonNode team = data.stored("team-a", "news", "r1").path("team");
        assertThat(team.path("submitted_by").toString()).isEqualTo("[\"ana\",\"ben\"]");
        assertThat(team.path("responded_by").toString()).isEqualTo("[\"ana\",\"ben\",\"cai\"]");
        assertThat(team.path("coincidences")).as("two submitted labels: Sports|Business and Business|Sports, 1 each")
                .hasSize(2);
        assertThat(team.path("pairs").get(0).asText()).isEqualTo("ana\u001fben\u001fSports\u001fBusiness\u001f1");
        as("vic", Roles.VIEWER).get(NEWS + "/records/r1/responses").then().statusCode(403);
    }

    @Test
    void aPersonsSecondTabGetsA409AboutTheirOwnResponseOnly() {
        data.team("team-a", "news", Map.of("min_submitted", 2));
        respond("ana", "r2", "draft", "Sports", null).then().statusCode(200);
        respond("ben", "r2", "submitted", "Business", null).then().statusCode(200);
        // ben's answer moved the record, not ana's response: her version 1 still holds
        Response second = respond("ana", "r2", "draft", "Business", "1");
        second.then().statusCode(200).body("responses[0].version", equalTo(2));
        assertThat(second.header("ETag")).isEqualTo("\"2\"");

        respond("ana", "r2", "submitted", "Sports", "1").then().statusCode(409)
                .body("version", equalTo(2))
                .body("response.annotation.labels[0].class", equalTo("Business"));
        respond("ana", "r2", "submitted", "Sports", null).then().statusCode(428)
                .body("detail", containsString("If-Match"));
        respond("ana", "r2", "submitted", "Politics", "2").then().statusCode(400)
                .body("errors[0].field", equalTo("annotation.labels[0].class"));
        as("ana", Roles.ANNOTATOR).body(Map.of("status", "submitted"))
                .put(NEWS + "/records/r3/responses/me").then().statusCode(400)
                .body("errors[0].field", equalTo("annotation"));
    }

    @Test
    void withOneRequiredAnswerTheAnswerIsTheAnnotationAsToday() {
        Map<TopicPartition, Long> mark = new AnnotationTopic().mark();
        respond("ana", "r1", "submitted", "Business", null).then().statusCode(200)
                .body("record.annotation.agent", equalTo("ana"))
                .body("record.annotation.labels[0].class", equalTo("Business"))
                .body("record.status", equalTo("Validated"));
        JsonNode stored = data.stored("team-a", "news", "r1");
        assertThat(stored.at("/annotated_by").toString()).isEqualTo("[\"ana\"]");
        assertThat(stored.at("/team/final_from").asText()).isEqualTo("responses");

        List<ConsumerRecord<String, JsonNode>> events = new AnnotationTopic().events(mark,
                event -> event.path("record_id").asText().equals("r1"), 2, Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(events).extracting(event -> event.value().path("action").asText())
                .containsExactlyInAnyOrder("respond", "annotate");
        JsonNode respond = events.stream().map(ConsumerRecord::value)
                .filter(event -> event.path("action").asText().equals("respond")).findFirst().orElseThrow();
        assertThat(respond.at("/before/status").asText()).isEqualTo("Default");
        assertThat(respond.at("/after/status").asText()).isEqualTo("Validated");
        assertThat(respond.at("/after/annotation/labels/0/class").asText()).isEqualTo("Business");

        respond("ben", "r3", "discarded", null, null).then().statusCode(200)
                .body("record.status", equalTo("Discarded"))
                .body("record.annotation", nullValue());

        // an admin's direct label stays when someone else answers later: the rule's decision (ana's) did not change
        String version = as("adam", Roles.ADMIN).get(NEWS + "/records/r1/annotation").then().extract().path("version");
        as("adam", Roles.ADMIN).header("If-Match", version)
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                .put(NEWS + "/records/r1/annotation").then().statusCode(200);
        respond("cai", "r1", "submitted", "Business", null).then().statusCode(200)
                .body("record.annotation.agent", equalTo("adam"))
                .body("record.annotation.labels[0].class", equalTo("Sports"));
        // and ana changing her answer is the team's decision again
        respond("ana", "r1", "submitted", "Business", "1").then().statusCode(200)
                .body("record.annotation.agent", equalTo("ana"));
    }

    @Test
    void underMajorityAgreeingAnswersBecomeTheAnnotationAndADisagreementWaitsForReview() {
        data.team("team-a", "news", Map.of("min_submitted", 2, "resolution", "majority"));
        respond("ana", "r1", "submitted", "Sports", null).then().statusCode(200).body("record.status", equalTo("Default"));
        respond("ben", "r1", "submitted", "Sports", null).then().statusCode(200)
                .body("record.status", equalTo("Validated"))
                .body("record.annotation.labels[0].class", equalTo("Sports"))
                .body("record.annotation.agent", equalTo("ben"));

        respond("ana", "r2", "submitted", "Sports", null).then().statusCode(200);
        respond("ben", "r2", "submitted", "Business", null).then().statusCode(200)
                .body("record.status", equalTo("Default"))
                .body("record.annotation", nullValue());
        JsonNode team = data.stored("team-a", "news", "r2").path("team");
        assertThat(team.path("needs_review").asBoolean()).isTrue();
        assertThat(team.path("agreed").asBoolean()).isFalse();
        assertThat(team.path("complete").asBoolean()).isTrue();

        // ben changes his mind: the answers agree again, and the annotation follows
        respond("ben", "r2", "submitted", "Sports", "1").then().statusCode(200)
                .body("record.annotation.labels[0].class", equalTo("Sports"));
        assertThat(data.stored("team-a", "news", "r2").at("/team/needs_review").asBoolean()).isFalse();
    }

    @Test
    void aReviewerPicksAResponseOrWritesTheirOwnOverTheVersionTheySaw() {
        data.team("team-a", "news", Map.of("min_submitted", 2));
        respond("ana", "r1", "submitted", "Sports", null).then().statusCode(200);
        respond("ben", "r1", "submitted", "Business", null).then().statusCode(200).body("record.status", equalTo("Default"));
        assertThat(data.stored("team-a", "news", "r1").at("/team/needs_review").asBoolean()).isTrue();
        String version = as("rita", Roles.REVIEWER).get(NEWS + "/records/r1/responses").then().statusCode(200)
                .extract().path("version");

        as("ana", Roles.ANNOTATOR).header("If-Match", version).body(Map.of("pick", "ana"))
                .put(NEWS + "/records/r1/review").then().statusCode(403);
        as("rita", Roles.REVIEWER).body(Map.of("pick", "ana")).put(NEWS + "/records/r1/review").then().statusCode(428);
        as("rita", Roles.REVIEWER).header("If-Match", version).body(Map.of("pick", "cai"))
                .put(NEWS + "/records/r1/review").then().statusCode(400).body("errors[0].field", equalTo("pick"));

        Map<TopicPartition, Long> mark = new AnnotationTopic().mark();
        Response reviewed = as("rita", Roles.REVIEWER).header("If-Match", version).body(Map.of("pick", "ana"))
                .put(NEWS + "/records/r1/review");
        reviewed.then().statusCode(200)
                .body("record.annotation.agent", equalTo("rita"))
                .body("record.annotation.labels[0].class", equalTo("Sports"))
                .body("record.status", equalTo("Validated"))
                .body("review.by", equalTo("rita"))
                .body("review.pick", equalTo("ana"))
                .body("needs_review", equalTo(false));
        JsonNode event = new AnnotationTopic().events(mark, e -> e.path("action").asText().equals("review"), 1,
                Duration.ofSeconds(20), Duration.ofSeconds(1)).get(0).value();
        assertThat(event.path("agent").asText()).isEqualTo("rita");
        assertThat(event.at("/before/status").asText()).isEqualTo("Default");
        assertThat(event.at("/after/annotation/labels/0/class").asText()).isEqualTo("Sports");
        assertThat(event.path("responses")).extracting(r -> r.path("user").asText()).containsExactly("ana", "ben");

        as("rita", Roles.REVIEWER).header("If-Match", version)
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Business")))))
                .put(NEWS + "/records/r1/review").then().statusCode(409)
                .body("responses.user", contains("ana", "ben"));
        as("rita", Roles.REVIEWER).header("If-Match", reviewed.path("version").toString())
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Business")))))
                .put(NEWS + "/records/r1/review").then().statusCode(200)
                .body("record.annotation.labels[0].class", equalTo("Business"))
                .body("review.pick", nullValue());
        // a response after the review leaves the reviewer's decision alone
        respond("ben", "r1", "submitted", "Sports", "1").then().statusCode(200)
                .body("record.annotation.labels[0].class", equalTo("Business"));
    }

    @Test
    void inATeamDatasetAnAnnotatorsLabelIsTheirResponseNotTheAnnotation() {
        data.team("team-a", "news", Map.of("min_submitted", 2));
        String version = as("ana", Roles.ANNOTATOR).get(NEWS + "/records/r1/annotation").then().extract().path("version");
        as("ana", Roles.ANNOTATOR).header("If-Match", version)
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                .put(NEWS + "/records/r1/annotation").then().statusCode(403)
                .body("detail", containsString("responses/me"));
        as("ana", Roles.ANNOTATOR).body(Map.of("ids", List.of("r1"),
                        "annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                .post(NEWS + "/bulk-annotations").then().statusCode(403);
        as("adam", Roles.ADMIN).header("If-Match", version)
                .body(Map.of("annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                .put(NEWS + "/records/r1/annotation").then().statusCode(200);
    }

    @Test
    void theQueueHandsEachRecordToAsManyPeopleAsItNeedsEvenAllAtOnce() throws Exception {
        data.team("team-a", "news", Map.of("min_submitted", 2));
        List<String> people = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");
        CountDownLatch start = new CountDownLatch(1);
        Map<String, String> held = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String person : people) {
            all.add(CompletableFuture.runAsync(() -> {
                await(start);
                Response next = as(person, Roles.ANNOTATOR).post(NEWS + "/queue:next");
                if (next.statusCode() == 200) {
                    held.put(person, next.path("record.id"));
                } else {
                    assertThat(next.statusCode()).isEqualTo(204);
                }
            }));
        }
        start.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();

        Map<String, Integer> perRecord = new HashMap<>();
        held.values().forEach(id -> perRecord.merge(id, 1, Integer::sum));
        assertThat(perRecord).as("three records of two slots: six people served, each record twice")
                .containsOnly(Map.entry("r1", 2), Map.entry("r2", 2), Map.entry("r3", 2));
        String seventh = people.stream().filter(p -> !held.containsKey(p)).findFirst().orElseThrow();

        // a reload gives the same record back, at once (no search has seen the claim yet)
        String someone = held.keySet().iterator().next();
        as(someone, Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(200)
                .body("record.id", equalTo(held.get(someone)))
                .body("claimed_until", containsString("T"));

        held.forEach((person, id) -> respond(person, id, "submitted", "Sports", null).then().statusCode(200));
        for (String id : List.of("r1", "r2", "r3")) {
            JsonNode team = data.stored("team-a", "news", id).path("team");
            assertThat(team.path("answers").asInt()).as(id).isEqualTo(2);
            assertThat(team.path("complete").asBoolean()).as(id).isTrue();
        }
        as(seventh, Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(204);
        as(someone, Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(204);
    }

    @Test
    void submitAndNextIsOneCallThatEndsInNothingLeft() {
        data.team("team-a", "news", Map.of("min_submitted", 1));
        String id = as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(200)
                .extract().path("record.id");
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 5 && id != null; i++) {
            Response both = as("ana", Roles.ANNOTATOR)
                    .body(Map.of("status", "submitted", "annotation", Map.of("labels", List.of(Map.of("class", "Sports")))))
                    .put(NEWS + "/records/" + id + "/responses/me:next");
            both.then().statusCode(200)
                    .body("response.record.id", equalTo(id))
                    .body("response.record.status", equalTo("Validated"))
                    .body("response.responses[0].status", equalTo("submitted"));
            answered.add(id);
            id = both.path("next.record.id");
        }
        assertThat(answered).containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(id).as("nothing left: next is null").isNull();
        as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(204);
    }

    @Test
    void theQueueDoesNotSayNothingIsLeftWhileItsSearchLagsBehind() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(TestDatasets.news("m" + i, "mail " + i, "Sports", 0.6));
        }
        data.records("team-a", "news", Task.TextClassification, many);
        // searches never see a write from now on: the queue's candidates are all stale after the first few
        data.es().send("PUT", "/" + TestDatasets.LAYOUT.recordsIndex("team-a", "news") + "/_settings",
                Map.of("index", Map.of("refresh_interval", "-1")));
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Response next = as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next");
            if (next.statusCode() == 204) {
                break;
            }
            String id = next.then().statusCode(200).extract().path("record.id");
            respond("ana", id, "submitted", "Sports", null).then().statusCode(200);
            answered.add(id);
        }
        assertThat(answered).as("every record once, then nothing left").hasSize(28).doesNotHaveDuplicates();
    }

    @Test
    void peopleSubmittingAndAskingForTheirNextShareOneSearchForCandidates() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(TestDatasets.news("p" + i, "mail " + i, "Sports", 0.6));
        }
        data.records("team-a", "news", Task.TextClassification, many);
        data.team("team-a", "news", Map.of("min_submitted", 2));
        List<String> people = List.of("ana", "ben", "cai", "dan", "eve", "fay");
        Map<String, String> holding = new HashMap<>();
        for (String person : people) {
            holding.put(person, as(person, Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(200)
                    .extract().path("record.id"));
        }
        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "news");
        long searchesBefore = searches(index);

        Map<String, Object> submitted = Map.of("status", "submitted",
                "annotation", Map.of("labels", List.of(Map.of("class", "Sports"))));
        Set<String> handed = new HashSet<>();
        for (String person : people) {
            String next = as(person, Roles.ANNOTATOR).body(submitted)
                    .put(NEWS + "/records/" + holding.get(person) + "/responses/me:next")
                    .then().statusCode(200)
                    .body("response.responses[0].status", equalTo("submitted"))
                    .body("next.remaining", greaterThan(100))
                    .extract().path("next.record.id");
            assertThat(next).isNotEqualTo(holding.get(person));
            handed.add(next);
        }

        // each: the search for records they hold besides; the candidates from the pool, searched at most once a
        // second (before: a search each)
        assertThat(searches(index) - searchesBefore).as("searches of the records for six next records")
                .isBetween(6L, 8L);
        assertThat(handed).as("six people, each a record of their own place in the pool").hasSizeGreaterThan(1);
    }

    @Test
    void recordsDeletedAfterTheQueueFoundThemAreLeftOutNotAnError() {
        String mine = as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(200)
                .extract().path("record.id");
        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "news");
        for (String id : List.of("r1", "r2", "r3")) {
            if (!id.equals(mine)) {
                data.es().send("DELETE", "/" + index + "/_doc/" + id + "?refresh=true", null);
            }
        }

        // ana's claim takes the one slot of hers; the two others were in the queue's candidates a moment ago
        as("ben", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(204);
    }

    private long searches(String index) {
        return data.es().send("GET", "/" + index + "/_stats/search", null)
                .at("/_all/primaries/search/query_total").asLong();
    }

    @Test
    void aRecordAnsweredByOneLeavesTheirQueueButStaysInOthers() {
        data.team("team-a", "news", Map.of("min_submitted", 2));
        Response first = as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next");
        first.then().statusCode(200).body("remaining", equalTo(3)).body("responses", hasSize(0));
        String mine = first.path("record.id");
        respond("ana", mine, "draft", "Sports", null).then().statusCode(200);
        as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(200)
                .body("record.id", equalTo(mine))
                .body("responses[0].status", equalTo("draft"))
                .body("remaining", equalTo(3)); // the one she holds and the two others
        respond("ana", mine, "submitted", null, "1").then().statusCode(200)
                .body("responses[0].annotation.labels[0].class", equalTo("Sports"));
        String anasNext = as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(200)
                .extract().path("record.id");
        assertThat(anasNext).isNotEqualTo(mine);
        // her first record has one answer of two: it stays in everyone else's queue until its last slot is taken
        List<String> others = new ArrayList<>();
        for (String person : List.of("ben", "cai", "dan", "eve", "fay")) {
            Response next = as(person, Roles.ANNOTATOR).post(NEWS + "/queue:next");
            if (next.statusCode() == 200) {
                others.add(next.path("record.id"));
            } else {
                next.then().statusCode(204);
            }
        }
        assertThat(others).as("four slots left: one on ana's answered record, one beside her claim, two on the third")
                .hasSize(4).containsOnlyOnce(mine, anasNext);
        as("vic", Roles.VIEWER).post(NEWS + "/queue:next").then().statusCode(403);
        as("rita", Roles.REVIEWER).post(NEWS + "/queue:next").then().statusCode(403);

        // the record ana holds is deleted: her hold holds nothing, and the queue goes on (to nothing: the third
        // record's two slots are taken)
        data.es().send("DELETE", "/" + TestDatasets.LAYOUT.recordsIndex("team-a", "news") + "/_doc/" + anasNext
                + "?refresh=true", null);
        as("ana", Roles.ANNOTATOR).post(NEWS + "/queue:next").then().statusCode(204);
    }

    @Test
    void spansAndLabelSetsAreComparedAsTheirTasksSay() {
        data.dataset("team-a", "ner", Task.TokenClassification, List.of("PER", "LOC"))
                .records("team-a", "ner", Task.TokenClassification, List.of(Map.of("id", "n1",
                        "tokens", List.of("Ana", "lives", "in", "Paris"), "raw_text", "Ana lives in Paris")))
                .team("team-a", "ner", Map.of("min_submitted", 2, "resolution", "majority"));
        String ner = "/api/datasets/ner/TokenClassification/records/n1/responses/me";
        as("ana", Roles.ANNOTATOR).body(Map.of("status", "submitted", "annotation", Map.of("entities", List.of(
                        Map.of("start", 0, "end", 3, "label", "PER"), Map.of("start", 13, "end", 18, "label", "LOC")))))
                .put(ner).then().statusCode(200);
        as("ben", Roles.ANNOTATOR).body(Map.of("status", "submitted", "annotation", Map.of("entities", List.of(
                        Map.of("start", 0, "end", 3, "label", "PER")))))
                .put(ner).then().statusCode(200).body("record.status", equalTo("Default"));
        JsonNode team = data.stored("team-a", "ner", "n1").path("team");
        assertThat(team.path("agreed").asBoolean()).isFalse();
        // tokens: Ana B-PER/B-PER, lives O/O, in O/O, Paris B-LOC/O: coincidences B-PER|B-PER 2, O|O 4, B-LOC|O 1, O|B-LOC 1
        List<String> keys = new ArrayList<>();
        team.path("coincidences").forEach(key -> keys.add(key.asText()));
        assertThat(keys).containsExactlyInAnyOrder("\u001fB-PER\u001fB-PER\u001f1\u001f2",
                "\u001fO\u001fO\u001f1\u001f4", "\u001fB-LOC\u001fO\u001f1\u001f1", "\u001fO\u001fB-LOC\u001f1\u001f1");
        as("ben", Roles.ANNOTATOR).header("If-Match", "1").body(Map.of("status", "submitted", "annotation",
                        Map.of("entities", List.of(Map.of("start", 13, "end", 18, "label", "LOC"),
                                Map.of("start", 0, "end", 3, "label", "PER")))))
                .put(ner).then().statusCode(200)
                .body("record.status", equalTo("Validated"))
                .body("record.annotation.entities.label", containsInAnyOrder("PER", "LOC"));

        data.dataset("team-a", "topics", Task.TextClassification, List.of())
                .records("team-a", "topics", Task.TextClassification, List.of(
                        Map.of("id", "t1", "multi_label", true, "inputs", Map.of("text", "Stocks of football clubs"))))
                .team("team-a", "topics", Map.of("min_submitted", 2, "resolution", "majority"));
        String topics = "/api/datasets/topics/TextClassification/records/t1/responses/me";
        as("ana", Roles.ANNOTATOR).body(Map.of("status", "submitted", "annotation", Map.of("labels",
                List.of(Map.of("class", "Sports"), Map.of("class", "Business"))))).put(topics).then().statusCode(200);
        as("ben", Roles.ANNOTATOR).body(Map.of("status", "submitted", "annotation", Map.of("labels",
                        List.of(Map.of("class", "Business"), Map.of("class", "Sports"))))).put(topics).then().statusCode(200)
                .body("record.status", equalTo("Validated")); // the same set in another order agrees
    }

    @Test
    void teamSettingsAreAnAdminsAndChecked() {
        as("adam", Roles.ADMIN).body(Map.of("min_submitted", 3, "resolution", "majority"))
                .put("/api/datasets/news/settings/team").then().statusCode(200)
                .body("min_submitted", equalTo(3))
                .body("resolution", equalTo("majority"))
                .body("responses_visible_after_submit", equalTo(false));
        assertThat(data.es().source(TestDatasets.LAYOUT.datasetsIndex(), "team-a.news").at("/settings/labels"))
                .as("the schema stays").hasSize(2);
        as("adam", Roles.ADMIN).body(Map.of("min_submitted", 11)).put("/api/datasets/news/settings/team")
                .then().statusCode(400).body("errors[0].field", equalTo("min_submitted"));
        as("adam", Roles.ADMIN).body(Map.of("resolution", "vote")).put("/api/datasets/news/settings/team")
                .then().statusCode(400).body("detail", containsString("resolution"));
        as("ana", Roles.ANNOTATOR).body(Map.of("min_submitted", 2)).put("/api/datasets/news/settings/team")
                .then().statusCode(403);
        as("adam", Roles.ADMIN).body(Map.of("labels", List.of("Sports"))).put("/api/datasets/news/settings")
                .then().statusCode(200);
        assertThat(data.es().source(TestDatasets.LAYOUT.datasetsIndex(), "team-a.news").at("/settings/team/min_submitted")
                .asInt()).as("the team settings stay when the schema changes").isEqualTo(3);
    }

    @Test
    void annotatorsSeeOthersResponsesAfterAnsweringWhenTheDatasetSaysSo() {
        data.team("team-a", "news", Map.of("min_submitted", 2, "responses_visible_after_submit", true));
        respond("ben", "r1", "submitted", "Business", null).then().statusCode(200);
        as("ana", Roles.ANNOTATOR).get(NEWS + "/records/r1/responses").then().statusCode(200)
                .body("responses", hasSize(0));
        respond("ana", "r1", "submitted", "Sports", null).then().statusCode(200);
        as("ana", Roles.ANNOTATOR).get(NEWS + "/records/r1/responses").then().statusCode(200)
                .body("responses.user", containsInAnyOrder("ana", "ben"));
    }

    private Response respond(String user, String id, String status, String label, String ifMatch) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        if (label != null) {
            body.put("annotation", Map.of("labels", List.of(Map.of("class", label))));
        }
        RequestSpecification request = as(user, Roles.ANNOTATOR).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return request.put(NEWS + "/records/" + id + "/responses/me");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static RequestSpecification as(String user, String role) {
        return given().auth().oauth2(TestTokens.withRole(user, role, "team-a")).contentType(ContentType.JSON);
    }
}

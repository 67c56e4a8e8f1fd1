package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Team labelling (issue 27, ADR 0012) with the realm's real people, through the gateway: the admin logs a dataset
 * that three people answer per record and a reviewer decides; ana, cara and dan work their own queues at the same
 * time; rita reviews from the review queue; then the Rubrix v0.1 export, the agreement figures, the history and the
 * {@code rubrix.annotations} topic are checked against the fixture below.
 */
class TeamLabellingTest {

    static final String KAFKA = System.getProperty("rubrix.e2e.kafka", "127.0.0.1:9092");
    static final String DATASET = "e2e-team-" + Long.toString(System.currentTimeMillis(), 36);
    static final String RECORDS = "/api/datasets/" + DATASET + "/TextClassification";
    static final List<String> ANNOTATORS = List.of("ana", "cara", "dan");

    /**
     * What each person answers to each record: they agree on r1, r2, r3 and r5 and disagree on r4 (ana alone says
     * spam). The queue hands the records in its own order, so a person's answer depends only on the record.
     *
     * <pre>
     *        ana   cara  dan
     *   r1   spam  spam  spam
     *   r2   ham   ham   ham
     *   r3   spam  spam  spam
     *   r4   spam  ham   ham
     *   r5   ham   ham   ham
     *   r6   spam  -     -      (logged later, answered by ana only: not complete, not pairable)
     * </pre>
     *
     * Krippendorff's alpha (nominal), by hand. Every pairable record has m = 3 values, so each contributes
     * o_ck = (n_c n_k - [c = k] n_c) / 2 to the coincidence matrix:
     * r1, r3 (spam x3): o_ss += 3*2/2 = 3 each; r2, r5 (ham x3): o_hh += 3 each; r4 (spam x1, ham x2):
     * o_hh += 2*1/2 = 1, o_sh += 1*2/2 = 1, o_hs += 1. Summed: o_ss = 6, o_hh = 7, o_sh = o_hs = 1; n_spam = 7,
     * n_ham = 8, n = 15. Observed disagreement D = o_sh + o_hs = 2; expected E = n^2 - n_spam^2 - n_ham^2 =
     * 225 - 49 - 64 = 112. alpha = 1 - (n - 1) D / E = 1 - 14 * 2 / 112 = 0.75. With two labels, each label's alpha
     * (the label against every other value) is the same matrix: 0.75 for spam and for ham.
     *
     * <p>Cohen's kappa per pair, over the 5 records both answered (r6 has one answer: no pair):
     * ana/cara: agree on r1, r2, r3, r5, not r4: p_o = 4/5 = 0.8; ana gave spam 3, ham 2, cara spam 2, ham 3:
     * p_e = (3/5)(2/5) + (2/5)(3/5) = 0.48; kappa = (0.8 - 0.48) / (1 - 0.48) = 0.32 / 0.52 = 0.6154 (4 decimals).
     * ana/dan: the same answers as ana/cara: 0.6154. cara/dan: the same answer everywhere: p_o = 1,
     * p_e = (2/5)^2 + (3/5)^2 = 0.52; kappa = (1 - 0.52) / (1 - 0.52) = 1.
     */
    static final Map<String, Map<String, String>> ANSWERS = Map.of(
            "r1", Map.of("ana", "spam", "cara", "spam", "dan", "spam"),
            "r2", Map.of("ana", "ham", "cara", "ham", "dan", "ham"),
            "r3", Map.of("ana", "spam", "cara", "spam", "dan", "spam"),
            "r4", Map.of("ana", "spam", "cara", "ham", "dan", "ham"),
            "r5", Map.of("ana", "ham", "cara", "ham", "dan", "ham"));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, String> tokens = new HashMap<>();

    @Test
    void threePeopleAnswerEachRecordAReviewerDecidesAndTheExportAgreementAndEventsFollow() throws Exception {
        long started = System.currentTimeMillis();
        tokens.put("admin", Stack.token("admin", "admin-password"));
        tokens.put("rita", Stack.token("rita", "rita-password"));
        for (String person : ANNOTATORS) {
            tokens.put(person, Stack.token(person, person + "-password"));
        }

        // The admin logs five records and asks for three answers each, decided by a reviewer.
        expect(200, call("admin", "POST", RECORDS + ":bulk", records("r1", "r2", "r3", "r4", "r5")));
        HttpResponse<String> settings = expect(200, call("admin", "PUT", "/api/datasets/" + DATASET + "/settings/team",
                "{\"min_submitted\": 3, \"resolution\": \"review\", \"responses_visible_after_submit\": false}"));
        assertThat(Stack.read(settings.body()).path("min_submitted").asInt()).isEqualTo(3);

        // ana, cara and dan work their queues at the same time, each until it is empty (204).
        Map<String, Set<String>> handedTo = new ConcurrentHashMap<>();
        Map<String, List<String>> answeredBy = new ConcurrentHashMap<>();
        Map<String, String> draftedByAna = new ConcurrentHashMap<>();
        ExecutorService people = Executors.newFixedThreadPool(ANNOTATORS.size());
        List<Future<?>> working = new ArrayList<>();
        for (String person : ANNOTATORS) {
            working.add(people.submit(() -> {
                workTheQueue(person, handedTo, answeredBy, draftedByAna);
                return null;
            }));
        }
        try {
            for (Future<?> done : working) {
                done.get(3, TimeUnit.MINUTES);
            }
        } finally {
            people.shutdownNow();
        }
        assertThat(handedTo).as("records handed out by the queues").containsOnlyKeys(ANSWERS.keySet());
        handedTo.forEach((id, to) -> assertThat(to).as("people handed " + id + " (never more than three)")
                .containsExactlyInAnyOrderElementsOf(ANNOTATORS));
        for (String person : ANNOTATORS) {
            assertThat(answeredBy.get(person)).as(person + "'s answers, each record once")
                    .containsExactlyInAnyOrderElementsOf(ANSWERS.keySet());
        }
        assertThat(call("admin", "POST", RECORDS + "/queue:next", null).statusCode())
                .as("a fourth person finds no record with a slot left").isEqualTo(204);

        // A sixth record arrives later; ana answers it alone: it stays incomplete.
        expect(200, call("admin", "POST", RECORDS + ":bulk", records("r6")));
        JsonNode sixth = Stack.read(expect(200, call("ana", "POST", RECORDS + "/queue:next", null)).body());
        assertThat(sixth.at("/record/id").asText()).isEqualTo("r6");
        assertThat(sixth.path("remaining").asLong()).isEqualTo(1);
        expect(200, respond("ana", "r6", "submitted", "spam", null));
        assertThat(call("ana", "POST", RECORDS + "/queue:next", null).statusCode()).isEqualTo(204);
        assertThat(call("cara", "POST", RECORDS + "/queue:next", null).statusCode())
                .as("r6 still needs two answers: cara's queue has it").isEqualTo(200);

        // An annotator reads only their own response, and may not write the record's annotation directly.
        JsonNode anasView = Stack.read(expect(200, call("ana", "GET", RECORDS + "/records/r4/responses", null)).body());
        assertThat(anasView.path("responses")).hasSize(1);
        assertThat(anasView.at("/responses/0/user").asText()).isEqualTo("ana");
        assertThat(anasView.at("/responses/0/annotation/labels/0/class").asText()).isEqualTo("spam");
        assertThat(anasView.path("answers").asInt()).isEqualTo(3);
        assertThat(anasView.has("review")).as("the review is the reviewers'").isFalse();
        String version = Stack.read(expect(200, call("ana", "GET", RECORDS + "/records/r4/annotation", null)).body())
                .path("version").asText();
        HttpResponse<String> direct = call("ana", "PUT", RECORDS + "/records/r4/annotation",
                "{\"annotation\": {\"labels\": [{\"class\": \"spam\"}]}, \"version\": \"" + version + "\"}");
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(403);
        // A reviewer neither responds nor takes a queue.
        assertThat(respond("rita", "r4", "submitted", "ham", null).statusCode()).isEqualTo(403);
        assertThat(call("rita", "POST", RECORDS + "/queue:next", null).statusCode()).isEqualTo(403);

        // rita's review queue: exactly the complete records (resolution review: every one of them).
        assertThat(awaitReviewQueue(Set.of("r1", "r2", "r3", "r4", "r5"))).hasSize(5);
        Map<String, String> versions = new HashMap<>();
        for (String id : ANSWERS.keySet()) {
            JsonNode all = Stack.read(expect(200, call("rita", "GET", RECORDS + "/records/" + id + "/responses", null))
                    .body());
            Map<String, String> given = new TreeMap<>();
            all.path("responses").forEach(response -> {
                assertThat(response.path("status").asText()).isEqualTo("submitted");
                given.put(response.path("user").asText(), response.at("/annotation/labels/0/class").asText());
            });
            assertThat(given).as("every response to " + id + " with its author").isEqualTo(new TreeMap<>(ANSWERS.get(id)));
            assertThat(all.path("needs_review").asBoolean()).isTrue();
            assertThat(all.path("agreed").asBoolean()).isEqualTo(!id.equals("r4"));
            versions.put(id, all.path("version").asText());
        }
        // She picks cara's answer on the disagreement and ana's on r1; a second decision on r1 over the version she
        // first saw is a 409 holding the record as it is now.
        JsonNode r4 = Stack.read(expect(200, review("r4", "{\"pick\": \"cara\"}", versions.get("r4"))).body());
        assertThat(r4.at("/record/annotation/agent").asText()).isEqualTo("rita");
        expect(200, review("r1", "{\"pick\": \"ana\"}", versions.get("r1")));
        HttpResponse<String> stale = review("r1", "{\"annotation\": {\"labels\": [{\"class\": \"ham\"}]}, "
                + "\"status\": \"Validated\"}", versions.get("r1"));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(Stack.read(stale.body()).path("version").asText()).isNotEqualTo(versions.get("r1"));
        assertThat(awaitReviewQueue(Set.of("r2", "r3", "r5"))).hasSize(3);

        // The Rubrix v0.1 export (rb.load): the decided annotations, nothing else of the team's work.
        Map<String, JsonNode> exported = new TreeMap<>();
        for (String line : expect(200, call("admin", "POST", RECORDS + "/data", "{}")).body().split("\n")) {
            if (!line.isBlank()) {
                JsonNode record = Stack.read(line);
                exported.put(record.path("id").asText(), record);
            }
        }
        assertThat(exported).containsOnlyKeys("r1", "r2", "r3", "r4", "r5", "r6");
        Map<String, String> decided = Map.of("r1", "spam", "r4", "ham");
        exported.forEach((id, record) -> {
            assertThat(record.has("team")).as(id + " exported without the team's work").isFalse();
            assertThat(record.has("responses")).as(id + " exported without responses").isFalse();
            if (decided.containsKey(id)) {
                assertThat(record.path("status").asText()).as(id).isEqualTo("Validated");
                assertThat(record.at("/annotation/agent").asText()).as(id).isEqualTo("rita");
                assertThat(record.at("/annotation/labels/0/class").asText()).as(id).isEqualTo(decided.get(id));
                assertThat(record.at("/annotation/labels")).as(id).hasSize(1);
            } else {
                assertThat(record.has("annotation")).as(id + ": no annotation before a review").isFalse();
                assertThat(record.path("status").asText()).as(id).isEqualTo("Default");
            }
        });

        // The agreement figures, as computed by hand above.
        JsonNode agreement = Stack.read(expect(200, call("rita", "POST", RECORDS + ":agreement", "{\"query\": {}}"))
                .body());
        JsonNode counts = agreement.path("records");
        assertThat(List.of(counts.path("total").asLong(), counts.path("answered").asLong(),
                counts.path("complete").asLong(), counts.path("pairable").asLong(), counts.path("needs_review").asLong(),
                counts.path("reviewed").asLong()))
                .as("total, answered, complete, pairable, needs_review, reviewed: " + counts)
                .containsExactly(6L, 6L, 5L, 5L, 3L, 2L);
        assertThat(agreement.at("/alpha/overall").asDouble()).isEqualTo(0.75);
        assertThat(agreement.at("/alpha/labels/spam").asDouble()).isEqualTo(0.75);
        assertThat(agreement.at("/alpha/labels/ham").asDouble()).isEqualTo(0.75);
        assertThat(agreement.at("/alpha/labels").size()).isEqualTo(2);
        List<String> kappas = new ArrayList<>();
        agreement.path("kappa").forEach(pair -> kappas.add(pair.path("first").asText() + "/" + pair.path("second").asText()
                + " " + pair.path("kappa").asDouble() + " " + pair.path("agreeing").asLong() + "/"
                + pair.path("units").asLong()));
        assertThat(kappas).containsExactly("ana/cara 0.6154 4/5", "ana/dan 0.6154 4/5", "cara/dan 1.0 5/5");
        Map<String, String> progress = new TreeMap<>();
        agreement.path("annotators").forEach(person -> progress.put(person.path("user").asText(),
                person.path("submitted").asLong() + " submitted, " + person.path("discarded").asLong() + " discarded, "
                        + person.path("drafts").asLong() + " drafts"));
        assertThat(progress).isEqualTo(Map.of("ana", "6 submitted, 0 discarded, 0 drafts",
                "cara", "5 submitted, 0 discarded, 0 drafts", "dan", "5 submitted, 0 discarded, 0 drafts"));
        // The view's query narrows them: the disagreement alone.
        JsonNode r4Only = Stack.read(expect(200, call("rita", "POST", RECORDS + ":agreement",
                "{\"query\": {\"ids\": [\"r4\"]}}")).body());
        assertThat(r4Only.at("/records/pairable").asLong()).isEqualTo(1);
        // spam x1, ham x2: o_sh = o_hs = 1, o_hh = 1, n = 3; alpha = 1 - 2 * 2 / (9 - 1 - 4) = 0
        assertThat(r4Only.at("/alpha/overall").asDouble()).isEqualTo(0.0);

        // The history of the disagreement: the three responses, then rita's review with every response.
        String drafted = draftedByAna.get("record");
        List<JsonNode> history = new ArrayList<>();
        Stack.read(expect(200, call("rita", "GET", RECORDS + "/records/r4/history", null)).body()).forEach(history::add);
        Map<String, Long> responds = new TreeMap<>();
        history.stream().filter(event -> event.path("action").asText().equals("respond"))
                .forEach(event -> responds.merge(event.path("agent").asText(), 1L, Long::sum));
        assertThat(responds).isEqualTo(Map.of("ana", "r4".equals(drafted) ? 2L : 1L, "cara", 1L, "dan", 1L));
        List<JsonNode> reviews = history.stream().filter(event -> event.path("action").asText().equals("review")).toList();
        assertThat(reviews).singleElement().satisfies(event -> {
            assertThat(event.path("agent").asText()).isEqualTo("rita");
            assertThat(event.at("/after/annotation/labels/0/class").asText()).isEqualTo("ham");
            assertThat(event.path("responses")).hasSize(3);
        });

        // The same events on rubrix.annotations, read from the time the test started.
        Map<String, List<JsonNode>> published = awaitEvents(started, Set.of("r1", "r4"));
        for (String id : List.of("r1", "r4")) {
            List<JsonNode> events = published.get(id);
            Set<String> respondedOnTopic = new TreeSet<>();
            events.stream().filter(event -> event.path("action").asText().equals("respond"))
                    .forEach(event -> respondedOnTopic.add(event.path("agent").asText()));
            assertThat(respondedOnTopic).as("respond events of " + id).containsExactlyElementsOf(ANNOTATORS);
            assertThat(events.stream().filter(event -> event.path("action").asText().equals("review")).toList())
                    .as("review events of " + id).singleElement().satisfies(event -> {
                        assertThat(event.path("agent").asText()).isEqualTo("rita");
                        assertThat(event.path("dataset").asText()).isEqualTo(DATASET);
                        assertThat(event.path("responses")).hasSize(3);
                        assertThat(event.at("/after/status").asText()).isEqualTo("Validated");
                    });
        }
        assertThat(published.get("r4").stream().map(event -> event.path("event_id").asText()).toList())
                .as("the history's events are the ones published")
                .containsAll(history.stream().map(event -> event.path("event_id").asText()).toList());
    }

    /**
     * {@code person} takes records from their queue until it is empty. Asking twice gives the same record (a reload
     * resumes it). ana first saves a draft of her first record, then submits it over the draft's version, and sees
     * the 428 without a version and the 409 over a stale one.
     */
    private void workTheQueue(String person, Map<String, Set<String>> handedTo, Map<String, List<String>> answeredBy,
            Map<String, String> draftedByAna) {
        for (int round = 0; round < 20; round++) {
            HttpResponse<String> next = call(person, "POST", RECORDS + "/queue:next", null);
            if (next.statusCode() == 204) {
                return;
            }
            expect(200, next);
            JsonNode taken = Stack.read(next.body());
            String id = taken.at("/record/id").asText();
            assertThat(taken.path("claimed_until").asText()).as(person + " holds " + id).isNotEmpty();
            assertThat(taken.path("responses")).as(person + " sees no one's response to " + id).isEmpty();
            handedTo.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(person);
            JsonNode again = Stack.read(expect(200, call(person, "POST", RECORDS + "/queue:next", null)).body());
            assertThat(again.at("/record/id").asText()).as(person + " asking again").isEqualTo(id);
            String label = ANSWERS.get(id).get(person);
            if (person.equals("ana") && draftedByAna.isEmpty()) {
                draftedByAna.put("record", id);
                String other = label.equals("spam") ? "ham" : "spam";
                assertThat(Stack.read(expect(200, respond(person, id, "draft", other, null)).body())
                        .at("/responses/0/version").asLong()).isEqualTo(1);
                assertThat(Stack.read(expect(200, call(person, "POST", RECORDS + "/queue:next", null)).body())
                        .at("/record/id").asText()).as("a draft keeps the record in ana's hands").isEqualTo(id);
                assertThat(respond(person, id, "submitted", label, null).statusCode()).as("no version: 428")
                        .isEqualTo(428);
                HttpResponse<String> submitted = expect(200, respond(person, id, "submitted", label, "1"));
                assertThat(submitted.headers().firstValue("ETag")).hasValue("\"2\"");
                HttpResponse<String> stale = respond(person, id, "submitted", other, "1");
                assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
                assertThat(Stack.read(stale.body()).at("/response/annotation/labels/0/class").asText()).isEqualTo(label);
            } else {
                JsonNode answered = Stack.read(expect(200, respond(person, id, "submitted", label, null)).body());
                assertThat(answered.path("responses")).as(person + " is answered with their own response only")
                        .hasSize(1);
            }
            answeredBy.computeIfAbsent(person, key -> new ArrayList<>()).add(id);
        }
        throw new AssertionError(person + "'s queue did not empty in 20 records");
    }

    private Set<String> awaitReviewQueue(Set<String> expected) {
        Set<String> queue = new TreeSet<>();
        await("rita's review queue is " + expected).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    JsonNode found = Stack.read(expect(200, call("rita", "POST", RECORDS + ":search",
                            "{\"query\": {\"team\": {\"needs_review\": true}}}")).body());
                    queue.clear();
                    found.path("records").forEach(record -> queue.add(record.path("id").asText()));
                    assertThat(queue).isEqualTo(expected);
                    assertThat(found.path("total").asLong()).isEqualTo(expected.size());
                });
        return queue;
    }

    /** The events of the dataset's records {@code ids} on rubrix.annotations since {@code since}, once each has a review. */
    private static Map<String, List<JsonNode>> awaitEvents(long since, Set<String> ids) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-team-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<JsonNode>> events = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            // The topic holds every run's events: start from the test's start, not from the beginning.
            List<TopicPartition> partitions = consumer.partitionsFor("rubrix.annotations").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, since - 5_000));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at);
            consumer.seekToEnd(partitions);
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                }
            });
            await("respond and review events of " + ids + " on rubrix.annotations").atMost(Duration.ofSeconds(60))
                    .pollInSameThread().until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                            for (String id : ids) {
                                if (record.key().equals("team-a/" + DATASET + "/" + id)) {
                                    events.computeIfAbsent(id, key -> new ArrayList<>()).add(Stack.read(record.value()));
                                }
                            }
                        }
                        return ids.stream().allMatch(id -> events.getOrDefault(id, List.of()).stream()
                                .anyMatch(event -> event.path("action").asText().equals("review")));
                    });
        }
        return events;
    }

    private HttpResponse<String> respond(String person, String id, String status, String label, String ifMatch) {
        return call(person, "PUT", RECORDS + "/records/" + id + "/responses/me", "{\"status\": \"" + status
                + "\", \"annotation\": {\"labels\": [{\"class\": \"" + label + "\"}]}}",
                ifMatch == null ? null : "\"" + ifMatch + "\"");
    }

    private HttpResponse<String> review(String id, String body, String version) {
        return call("rita", "PUT", RECORDS + "/records/" + id + "/review", body, "\"" + version + "\"");
    }

    private static String records(String... ids) {
        List<String> records = new ArrayList<>();
        for (String id : ids) {
            records.add("{\"id\": \"" + id + "\", \"inputs\": {\"text\": \"message " + id + ": win a prize now?\"}, "
                    + "\"prediction\": {\"agent\": \"nb\", \"labels\": [{\"class\": \"spam\", \"confidence\": 0.6}, "
                    + "{\"class\": \"ham\", \"confidence\": 0.4}]}}");
        }
        return "{\"records\": [" + String.join(", ", records) + "]}";
    }

    private HttpResponse<String> call(String person, String method, String path, String body) {
        return call(person, method, path, body, null);
    }

    private HttpResponse<String> call(String person, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path
                        + (path.contains("?") ? "&" : "?") + "workspace=team-a"))
                .header("Authorization", "Bearer " + tokens.get(person)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return Stack.send(http, request.build());
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri() + ": "
                + answer.body()).isEqualTo(status);
        return answer;
    }
}

package io.rubrix.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.core.Vertx;

/** How the records of consecutive polls become bulks: the writer here is a fake that the test answers. */
class StreamBulksTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final ObjectMapper json = RubrixJson.newMapper();
    private final Vertx vertx = Vertx.vertx();
    private final List<StreamBatch.Group> sent = new CopyOnWriteArrayList<>();
    private final List<UniEmitter<? super List<DeadLetter>>> answers = new CopyOnWriteArrayList<>();
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private final StreamBulks.BulkWriter writer = bulk -> Uni.createFrom().emitter(answer -> {
        sent.add(bulk);
        answers.add(answer);
    });

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void recordsOfConsecutivePollsGoAsFullBulksWhereverAPollEnds() {
        StreamBulks bulks = new StreamBulks(writer, vertx, 3, 2, NEVER);

        bulks.add(poll("a", "b"), finish("first"));
        assertThat(sent).isEmpty();
        bulks.add(poll("c", "d", "e", "f", "g"), finish("second"));

        assertThat(ids()).containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"));
        assertThat(bulks.bulksInFlight()).isEqualTo(2);
        assertThat(bulks.waitingRecords()).as("g").isEqualTo(1);
        answer(0);
        assertThat(finished).containsExactly("first []");
        answer(1);
        assertThat(bulks.bulksInFlight()).isZero();
        assertThat(finished).containsExactly("first []"); // g waits for a full bulk or the linger
    }

    @Test
    void aRecordSentAgainWaitsForTheBulkThatWritesItsEarlierVersion() {
        StreamBulks bulks = new StreamBulks(writer, vertx, 3, 2, Duration.ofMillis(50));

        bulks.add(poll("a", "b", "c"), finish("first"));
        bulks.add(pollOf(version("a", "a again"), version("d", "d"), version("e", "e"), version("f", "f")),
                finish("second"));

        assertThat(ids()).containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"));
        answer(1);
        answer(0);
        await("the third bulk, with a again").atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 3);
        assertThat(ids().get(2)).containsExactly("a");
        assertThat(((TextClassificationRecord) sent.get(2).records().get("a")).inputs()).containsEntry("text", "a again");
        assertThat(finished).containsExactly("first []");
        answer(2);
        assertThat(finished).containsExactly("first []", "second []");
    }

    @Test
    void pollsFinishInTheOrderTheyCameWithTheDeadLettersOfTheirOwnMessages() {
        StreamBulks bulks = new StreamBulks(writer, vertx, 2, 2, NEVER);
        StreamBatch first = poll("a", "b");
        StreamBatch second = poll("c", "d");

        bulks.add(first, finish("first"));
        bulks.add(second, finish("second"));
        answers.get(1).complete(List.of(new DeadLetter(sent.get(1).sources().get("d"), "record d: refused")));
        assertThat(finished).isEmpty();
        answer(0);

        assertThat(finished).containsExactly("first []", "second [record d: refused]");
    }

    @Test
    void aPollIsTakenOnlyWhileLessThanOneRoundOfBulksWaits() {
        StreamBulks bulks = new StreamBulks(writer, vertx, 2, 1, NEVER);

        assertThat(bulks.add(poll("a", "b"), finish("first")).await().atMost(Duration.ofSeconds(1))).isNull();
        var room = bulks.add(poll("c", "d"), finish("second")).subscribeAsCompletionStage();
        assertThat(room).isNotDone();
        assertThat(sent).hasSize(1);

        answer(0);

        assertThat(room).isCompleted();
        assertThat(ids()).containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void recordsThatFillLessThanABulkGoAfterTheLinger() {
        StreamBulks bulks = new StreamBulks(writer, vertx, 500, 4, Duration.ofMillis(50));

        bulks.add(poll("a", "b"), finish("first"));

        await("a bulk sent after the linger").atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        assertThat(ids()).containsExactly(List.of("a", "b"));
        answer(0);
        assertThat(finished).containsExactly("first []");
    }

    private void answer(int bulk) {
        answers.get(bulk).complete(List.of());
    }

    private List<List<String>> ids() {
        return sent.stream().map(bulk -> List.copyOf(bulk.records().keySet())).toList();
    }

    private java.util.function.Function<List<DeadLetter>, Uni<Void>> finish(String poll) {
        return letters -> {
            finished.add(poll + " " + letters.stream().map(DeadLetter::reason).toList());
            return Uni.createFrom().voidItem();
        };
    }

    private StreamBatch poll(String... ids) {
        return pollOf(Stream.of(ids).map(id -> version(id, id)).toArray(String[]::new));
    }

    /** A poll of one message per record. */
    private StreamBatch pollOf(String... records) {
        List<KafkaRecord<String, byte[]>> messages = Stream.of(records)
                .map(record -> KafkaRecord.of("key", ("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                        + "\"record\":" + record + "}").getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.toList());
        return StreamBatch.read(messages, new EnvelopeReader(json));
    }

    private static String version(String id, String text) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"" + text + "\"}}";
    }
}

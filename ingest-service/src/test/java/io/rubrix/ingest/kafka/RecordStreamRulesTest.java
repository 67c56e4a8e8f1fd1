package io.rubrix.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * The rules of the records stream that hold without Kafka or Elasticsearch: which failures of a group's write are
 * retried (the rest dead-letter the group), and what a poll's messages become before any write (StreamBatch).
 */
@Tag("fast")
class RecordStreamRulesTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final EnvelopeReader envelopes = new EnvelopeReader(json);

    @Test
    void aGroupRefusedAsAWholeSaysWhatTheCallerWouldHearElseThatItWasNotIngested() {
        assertThat(RecordStreamConsumer.refusalReason(ApiException.conflict("The dataset is closed; open it first")))
                .isEqualTo("The dataset is closed; open it first");
        assertThat(RecordStreamConsumer.refusalReason(new IllegalStateException("a bug")))
                .isEqualTo("not ingested: a bug");
    }

    @Test
    void storageThatCannotTakeTheWriteNowIsRetried() {
        assertThat(List.of(
                new StorageUnavailable("connection refused", null),
                StorageUnavailable.partlyWritten("half of the bulk was written", new IllegalStateException("reset")),
                refusal(429), refusal(502), refusal(503), refusal(504),
                new RecordStreamConsumer.TransientWriteFailure("3 records refused for now")))
                .allSatisfy(failure -> assertThat(RecordStreamConsumer.isTransient(failure)).as("%s", failure).isTrue());
    }

    @Test
    void refusalsThatTheSameWriteWouldMeetAgainAreNotRetried() {
        assertThat(List.of(
                refusal(400), refusal(404), refusal(409), refusal(500), refusal(501), refusal(505),
                ApiException.badRequest("task", "dataset 'news' is a TextClassification dataset, not Text2Text"),
                ApiException.conflict("Dataset 'news' is closed; open it before writing to it"),
                ApiException.unavailable("a 503 answer is no storage failure"),
                new IllegalStateException("a bug"), new NullPointerException()))
                .allSatisfy(failure -> assertThat(RecordStreamConsumer.isTransient(failure)).as("%s", failure).isFalse());
    }

    @Test
    void anEmptyMessageIsDeadLetteredAsEmpty() {
        KafkaRecord<String, byte[]> empty = message("");
        KafkaRecord<String, byte[]> tombstone = KafkaRecord.of("key", null);

        StreamBatch batch = StreamBatch.read(List.of(empty, tombstone), envelopes);

        assertThat(batch.groups()).isEmpty();
        assertThat(batch.deadLetters()).containsExactly(new DeadLetter(empty, "empty message"),
                new DeadLetter(tombstone, "empty message"));
    }

    @Test
    void aMessageThatIsNoEnvelopeIsDeadLetteredWithTheFirstLineOfWhy() {
        KafkaRecord<String, byte[]> garbage = message("this is not json {");
        KafkaRecord<String, byte[]> array = message("[1, 2]");

        StreamBatch batch = StreamBatch.read(List.of(garbage, array), envelopes);

        assertThat(batch.groups()).isEmpty();
        assertThat(batch.deadLetters()).extracting(DeadLetter::message).containsExactly(garbage, array);
        assertThat(batch.deadLetters()).extracting(DeadLetter::reason).allSatisfy(reason -> assertThat(reason)
                .startsWith("not a record envelope: ").doesNotContain("\n"));
        assertThat(batch.deadLetters().get(1).reason()).isEqualTo("not a record envelope: must be a JSON object");
    }

    @Test
    void anEnvelopeWithoutItsDestinationIsDeadLetteredWithEveryMissingPart() {
        KafkaRecord<String, byte[]> nowhere = message("{\"workspace\":\"w\",\"record\":" + record("a") + "}");

        StreamBatch batch = StreamBatch.read(List.of(nowhere), envelopes);

        assertThat(batch.groups()).isEmpty();
        assertThat(batch.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isSameAs(nowhere);
            assertThat(letter.reason()).isEqualTo("dataset: must not be empty; "
                    + "task: is required: TextClassification, TokenClassification or Text2Text");
        });
    }

    @Test
    void theReasonsOfInvalidRecordsNameTheRecordOrItsPositionAndTheValidOnesAreStillWritten() {
        KafkaRecord<String, byte[]> one = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"record\":{\"id\":\"x\",\"inputs\":{}}}");
        KafkaRecord<String, byte[]> many = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"records\":[" + record("a") + ",{\"id\":\"b\",\"inputs\":{}}," + record("c") + "]}");

        StreamBatch batch = StreamBatch.read(List.of(one, many), envelopes);

        assertThat(batch.deadLetters()).containsExactly(
                new DeadLetter(one, "record.inputs: must have at least one input"),
                new DeadLetter(many, "records[1].inputs: must have at least one input"));
        assertThat(batch.groups()).singleElement().satisfies(group -> {
            assertThat(group.workspace()).isEqualTo("w");
            assertThat(group.dataset()).isEqualTo("d");
            assertThat(group.records().keySet()).containsExactly("a", "c");
            assertThat(group.messages()).containsExactly(many);
        });
    }

    @Test
    void aSingleRecordWithAPersonsDecisionIsRefusedFromAProducer() {
        KafkaRecord<String, byte[]> forged = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"record\":{\"id\":\"r\",\"inputs\":{\"text\":\"t\"},\"status\":\"Discarded\"}}");

        StreamBatch batch = StreamBatch.read(List.of(forged), envelopes);

        assertThat(batch.groups()).flatExtracting(group -> List.copyOf(group.records().keySet())).isEmpty();
        assertThat(batch.deadLetters()).singleElement().extracting(DeadLetter::reason).asString()
                .startsWith("record.status: 'Discarded' is a person's decision; only people write human labels");
    }

    @Test
    void theReasonsOfAPollsMessagesAreJoinedIntoOneLetterEach() {
        KafkaRecord<String, byte[]> mixed = message("{\"workspace\":\"w\",\"dataset\":\"d\",\"task\":\"TextClassification\","
                + "\"records\":[{\"id\":\"b\",\"inputs\":{}}," + record("c") + "]}");
        List<DeadLetter> beforeWriting = StreamBatch.read(List.of(mixed), envelopes).deadLetters();

        List<DeadLetter> letters = DeadLetter.onePerMessage(List.of(beforeWriting.get(0),
                new DeadLetter(mixed, "record c: mapper_parsing_exception")));

        assertThat(letters).containsExactly(new DeadLetter(mixed,
                "records[0].inputs: must have at least one input; record c: mapper_parsing_exception"));
    }

    private static ElasticsearchException refusal(int status) {
        return new ElasticsearchException(status, null, "HTTP " + status);
    }

    private static String record(String id) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"text of " + id + "\"},"
                + "\"prediction\":{\"agent\":\"m\",\"labels\":[{\"class\":\"A\",\"confidence\":0.9}]}}";
    }

    private static KafkaRecord<String, byte[]> message(String value) {
        return KafkaRecord.of("key", value.getBytes(StandardCharsets.UTF_8));
    }
}

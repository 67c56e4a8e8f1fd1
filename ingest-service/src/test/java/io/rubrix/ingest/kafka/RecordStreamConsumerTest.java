package io.rubrix.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.model.json.RubrixJson;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(ElasticsearchProxyResource.class)
class RecordStreamConsumerTest {

    private static final String TOPIC = "rubrix-test.records";
    private static final String DLQ = "rubrix-test.records.dlq";
    private static final String RECORDS = "rubrix-test-ingest.records.team-a.";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config);
    }

    @AfterEach
    void close() {
        ElasticsearchProxyResource.proxy.restore();
        producer.close();
    }

    @Test
    void goodRecordsAreIndexedAndPoisonMessagesGoUntouchedToTheDeadLetterTopic() throws Exception {
        String dataset = "stream-" + run;
        for (int i = 0; i < 20; i++) {
            send("r" + i, envelope(dataset, Map.of("record", record("r" + i, "good " + i))));
        }
        send(run + "-batch", envelope(dataset, Map.of("records", List.of(
                record("b1", "one"), Map.of("id", "b-bad", "inputs", Map.of()), record("b2", "two")))));
        byte[] junk = "this is not json {".getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(TOPIC, run + "-junk", junk)).get();
        send(run + "-nodataset", Map.of("workspace", "team-a", "task", "TextClassification", "record", record("x", "y")));
        send(run + "-invalid", envelope(dataset, Map.of("record", Map.of("id", "v1", "inputs", Map.of("text", "t"),
                "prediction", Map.of("agent", "m", "labels", List.of(Map.of("class", "A", "confidence", 1.7)))))));
        send("r3", envelope(dataset, Map.of("record", record("r3", "good 3, sent again"))));

        await("the 22 good records of " + dataset + " indexed").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(es.count(RECORDS + dataset)).isEqualTo(22));
        Map<String, ConsumerRecord<String, byte[]>> dead = await("the 4 dead letters of this run")
                .atMost(Duration.ofSeconds(30)).until(this::deadLettersOfThisRun, letters -> letters.size() == 4);

        assertThat(es.source(RECORDS + dataset, "b2").at("/inputs/text").asText()).isEqualTo("two");
        assertThat(es.source(RECORDS + dataset, "r3").at("/inputs/text").asText()).as("the last one sent wins")
                .isEqualTo("good 3, sent again");
        assertThat(es.source(RECORDS + dataset, "r7").at("/predicted_by/0").asText()).isEqualTo("stream-model");
        ConsumerRecord<String, byte[]> junkLetter = dead.get(run + "-junk");
        assertThat(junkLetter.value()).isEqualTo(junk);
        assertThat(header(junkLetter, DeadLetterPublisher.REASON)).startsWith("not a record envelope");
        assertThat(header(junkLetter, DeadLetterPublisher.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(Long.parseLong(header(junkLetter, DeadLetterPublisher.SOURCE_OFFSET))).isNotNegative();
        assertThat(header(junkLetter, DeadLetterPublisher.SOURCE_PARTITION)).matches("\\d+");
        assertThat(header(dead.get(run + "-nodataset"), DeadLetterPublisher.REASON)).isEqualTo("dataset: must not be empty");
        assertThat(header(dead.get(run + "-invalid"), DeadLetterPublisher.REASON))
                .startsWith("record.prediction.labels[0].confidence: 1.7 is outside [0, 1]; record.prediction.labels: ");
        assertThat(header(dead.get(run + "-batch"), DeadLetterPublisher.REASON))
                .isEqualTo("records[1].inputs: must have at least one input");
        assertThat(json.readTree(dead.get(run + "-batch").value()).at("/records/2/id").asText())
                .as("the message is untouched").isEqualTo("b2");
        String metrics = ConfigProvider.getConfig().getValue("test.management.url", String.class) + "/metrics";
        await("the stream's gauges back to zero").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(given().get(metrics).asString())
                .as("nothing left waiting or being written").contains("rubrix_ingest_kafka_records_waiting 0.0")
                .contains("rubrix_ingest_kafka_bulks_in_flight 0.0"));
    }

    @Test
    void recordsSentAgainInLaterPollsEndAsTheyWereSentLast() {
        String dataset = "again-" + run;
        for (String pass : List.of("first", "second", "third")) {
            for (int i = 0; i < 60; i++) {
                send("s" + i, envelope(dataset, Map.of("record", record("s" + i, pass + " " + i))));
            }
        }

        await("the 60 records of " + dataset + " with their third text").atMost(Duration.ofSeconds(60))
                .until(() -> texts(RECORDS + dataset).stream().allMatch(text -> text.startsWith("third"))
                        && es.count(RECORDS + dataset) == 60);
        assertThat(texts(RECORDS + dataset)).hasSize(60).contains("third 0", "third 59");
        assertThat(deadLettersOfThisRun()).isEmpty();
    }

    /** The input text of every record of {@code index}. */
    private List<String> texts(String index) {
        es.send("POST", "/" + index + "/_refresh", null);
        JsonNode hits = es.send("POST", "/" + index + "/_search", Map.of("size", 1000, "_source", List.of("inputs")))
                .path("hits").path("hits");
        List<String> texts = new ArrayList<>();
        hits.forEach(hit -> texts.add(hit.at("/_source/inputs/text").asText()));
        return texts;
    }

    @Test
    void anElasticsearchOutageLosesNothingAndDuplicatesNothing() {
        String dataset = "outage-" + run;
        send("first", envelope(dataset, Map.of("record", record("first", "before the outage"))));
        await("the record sent before the outage indexed").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(es.count(RECORDS + dataset)).isEqualTo(1));

        ElasticsearchProxyResource.proxy.cut();
        for (int i = 0; i < 200; i += 10) {
            List<Object> records = new ArrayList<>();
            for (int j = i; j < i + 10; j++) {
                records.add(record("o" + j, "during the outage " + j));
            }
            send("batch-" + i, envelope(dataset, Map.of("records", records)));
        }
        await("no record indexed for 3 s while Elasticsearch is cut off").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(es.count(RECORDS + dataset)).isEqualTo(1));

        ElasticsearchProxyResource.proxy.restore();

        await("the 200 records sent during the outage indexed").atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(es.count(RECORDS + dataset)).isEqualTo(201));
        await("no duplicate indexed for 2 s after").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(es.count(RECORDS + dataset)).isEqualTo(201));
        assertThat(deadLettersOfThisRun()).isEmpty();
    }

    private Map<String, Object> envelope(String dataset, Map<String, Object> records) {
        Map<String, Object> envelope = new HashMap<>(records);
        envelope.put("workspace", "team-a");
        envelope.put("dataset", dataset);
        envelope.put("task", "TextClassification");
        return envelope;
    }

    private static Map<String, Object> record(String id, String text) {
        return Map.of("id", id, "inputs", Map.of("text", text), "prediction", Map.of("agent", "stream-model",
                "labels", List.of(Map.of("class", "A", "confidence", 0.7), Map.of("class", "B", "confidence", 0.3))));
    }

    private void send(String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, json.writeValueAsBytes(value))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dead letters whose key belongs to this test run, read to the topic's end (it is shared with earlier runs). */
    private Map<String, ConsumerRecord<String, byte[]>> deadLettersOfThisRun() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            // On a new broker the topic appears with its first dead letter: its partitions are asked until it has some.
            List<TopicPartition> partitions = new ArrayList<>();
            await(DLQ + " exists").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                partitions.clear();
                consumer.partitionsFor(DLQ).forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                return !partitions.isEmpty();
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // A consumer is not thread-safe: it is polled in the test's thread.
            await(DLQ + " read to its end").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> letter : consumer.poll(Duration.ofMillis(300))) {
                    if (letter.key() != null && letter.key().startsWith(run)) {
                        found.put(letter.key(), letter);
                    }
                }
                return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey())
                        >= partition.getValue());
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}

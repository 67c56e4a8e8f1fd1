package io.rubrix.client;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.kafka.RecordEnvelope;
import io.rubrix.model.record.TaskRecord;

/**
 * Logs a production service's predictions to Rubrix through Kafka (topic {@code rubrix.records}, consumed by
 * ingest-service), in the envelope ingest-service reads. Plain Kafka client: no Quarkus needed.
 *
 * <pre>{@code
 * try (KafkaRecordLogger logger = KafkaRecordLogger.connect("kafka:9092", "team-a")) {
 *     logger.log(record, "production-news").whenComplete((sent, error) -> ...);
 * }
 * }</pre>
 *
 * The key is the record id (records get one here if they had none), so the records of one id stay in order.
 * Delivery is acknowledged by all in-sync replicas and idempotent; the future completes when Kafka has the record
 * (ingest-service then indexes it, at least once, and ids make a repeat harmless).
 */
public final class KafkaRecordLogger implements AutoCloseable {

    private final Producer<String, String> producer;
    private final String workspace;
    private final String topic;
    private final ObjectMapper json = RubrixJson.newMapper();

    public KafkaRecordLogger(Producer<String, String> producer, String workspace, String topic) {
        this.producer = producer;
        this.workspace = workspace;
        this.topic = topic;
    }

    /** A logger with its own producer to {@code bootstrapServers}; {@code extra} producer settings win. */
    public static KafkaRecordLogger connect(String bootstrapServers, String workspace, Map<String, Object> extra) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putAll(extra);
        return new KafkaRecordLogger(new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()),
                workspace, RecordEnvelope.TOPIC);
    }

    public static KafkaRecordLogger connect(String bootstrapServers, String workspace) {
        return connect(bootstrapServers, workspace, Map.of());
    }

    /** Sends one record; the future completes when Kafka acknowledged it, or fails with Kafka's error. */
    public CompletableFuture<RecordMetadata> log(TaskRecord record, String dataset) {
        TaskRecord withId = record.withIdIfMissing();
        RecordEnvelope envelope = new RecordEnvelope(workspace, dataset, withId.task(), tree(withId), null);
        return send(withId.id().value(), envelope);
    }

    /** Sends records of one task as one message (one envelope with {@code records}), without a key. */
    public CompletableFuture<RecordMetadata> log(List<? extends TaskRecord> records, String dataset) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records");
        }
        List<JsonNode> trees = records.stream().map(TaskRecord::withIdIfMissing).map(this::tree).toList();
        return send(null, new RecordEnvelope(workspace, dataset, records.get(0).task(), null, trees));
    }

    /** Sends what is buffered and waits for the acknowledgements. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private CompletableFuture<RecordMetadata> send(String key, RecordEnvelope envelope) {
        String value;
        try {
            value = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record not writable as JSON", e);
        }
        CompletableFuture<RecordMetadata> delivered = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                delivered.completeExceptionally(error);
            } else {
                delivered.complete(metadata);
            }
        });
        return delivered;
    }

    private JsonNode tree(TaskRecord record) {
        return json.valueToTree(record);
    }
}

package io.rubrix.annotation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

/** Reads the label events the service published on the test topic, from a position taken before acting. */
public final class AnnotationTopic {

    public static final String TOPIC = "rubrix-test.annotations";
    private static final String BOOTSTRAP = "127.0.0.1:9092";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final String topic;

    public AnnotationTopic() {
        this(TOPIC);
    }

    /** Another topic the service publishes on (drift alerts: {@code rubrix-test.alerts}). */
    public AnnotationTopic(String topic) {
        this.topic = topic;
    }

    /** The topic's end offsets now (the topic is created when missing, with 3 partitions). */
    public Map<TopicPartition, Long> mark() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            return consumer.endOffsets(partitions);
        }
    }

    /**
     * Every event after {@code mark} that matches {@code wanted}: read until {@code expected} of them arrived (failing
     * after {@code timeout}), then {@code settle} longer, so that a duplicate shows among the events returned.
     */
    public List<ConsumerRecord<String, JsonNode>> events(Map<TopicPartition, Long> mark, Predicate<JsonNode> wanted,
            int expected, Duration timeout, Duration settle) {
        List<ConsumerRecord<String, JsonNode>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            // A consumer is not thread-safe: every await polls it in the test's thread.
            await(expected + " events on " + topic).atMost(timeout).pollInSameThread()
                    .until(() -> readInto(found, consumer, wanted), greaterThanOrEqualTo(expected));
            if (!settle.isZero()) {
                // Reading on is deliberate: a duplicate comes after the events awaited, and the caller judges them.
                await("the events on " + topic + " read on for " + settle).during(settle)
                        .atMost(settle.plusSeconds(2)).pollInSameThread()
                        .until(() -> readInto(found, consumer, wanted) >= expected);
            }
        }
        return found;
    }

    /** Adds the wanted events of one poll to {@code found}, answering how many were found so far. */
    private int readInto(List<ConsumerRecord<String, JsonNode>> found, KafkaConsumer<String, String> consumer,
            Predicate<JsonNode> wanted) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode event = read(record.value());
            if (wanted.test(event)) {
                found.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(), event));
            }
        }
        return found.size();
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable event " + value, e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}

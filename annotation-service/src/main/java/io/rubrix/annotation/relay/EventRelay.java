package io.rubrix.annotation.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rubrix.annotation.history.HistoryEntry;
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.common.annotation.AnnotationEvent;

/**
 * Publishes the label events of the history to Kafka, oldest first, and marks them published once Kafka
 * acknowledged them. Labelling never waits for Kafka: while it is away, events wait in the history and go out
 * when it is back. Delivery is at least once; a record's events keep their order (one key, one partition, an
 * idempotent producer, and a record's later events are held back in a round where an earlier one failed).
 * Runs on its own thread, since a Kafka producer may block while the cluster is unreachable.
 */
@ApplicationScoped
public class EventRelay {

    private final HistoryStore history;
    private final RelayConfig config;
    private final ObjectMapper json;
    private final Counter published;
    private final Counter failed;
    private volatile ExecutorService thread;
    private volatile Producer<String, String> producer;
    private volatile boolean running;

    public EventRelay(HistoryStore history, RelayConfig config, ObjectMapper json, MeterRegistry registry) {
        this.history = history;
        this.config = config;
        this.json = json;
        this.published = Counter.builder("rubrix.annotations.events.published")
                .description("Label events delivered to Kafka").register(registry);
        this.failed = Counter.builder("rubrix.annotations.events.delivery-failures")
                .description("Label events Kafka did not acknowledge in time (they are sent again)").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            Log.info("The label event relay is disabled (rubrix.annotations.relay.enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        running = true;
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread relay = new Thread(runnable, "label-event-relay");
            relay.setDaemon(true);
            return relay;
        });
        thread.execute(this::loop);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        while (running) {
            try {
                Round round = relayOnce();
                backoff = round.complete() ? config.pollInterval() : grown(backoff);
                if (round.complete() && round.read() == config.batchSize()) {
                    continue; // more are waiting
                }
            } catch (RuntimeException e) {
                Log.warnf("Relaying label events failed (retrying): %s", e.getMessage());
                backoff = grown(backoff);
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One round: the oldest unpublished events, sent, and those Kafka acknowledged marked published. */
    Round relayOnce() {
        List<HistoryEntry> batch = history.unpublished(config.batchSize()).await().atMost(Duration.ofSeconds(30));
        if (batch.isEmpty()) {
            return new Round(0, true);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (HistoryEntry entry : batch) {
            AnnotationEvent event = entry.event();
            try {
                sends.add(producer.send(new ProducerRecord<>(config.topic(), event.key(), write(event))));
            } catch (KafkaException unreachable) {
                // e.g. no metadata within max.block.ms: the others would wait as long, so this round ends here
                sends.add(CompletableFuture.failedFuture(unreachable));
                break;
            }
        }
        List<String> delivered = new ArrayList<>();
        Set<String> heldBack = new HashSet<>();
        long deadline = System.nanoTime() + config.deliveryTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            AnnotationEvent event = batch.get(i).event();
            if (acknowledged(sends.get(i), deadline) && !heldBack.contains(event.key())) {
                delivered.add(event.eventId());
            } else {
                heldBack.add(event.key()); // its later events wait for it, to stay in order
            }
        }
        history.markPublished(delivered, Instant.now()).await().atMost(Duration.ofSeconds(30));
        published.increment(delivered.size());
        failed.increment(batch.size() - delivered.size());
        return new Round(batch.size(), delivered.size() == batch.size());
    }

    private static boolean acknowledged(Future<RecordMetadata> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private String write(AnnotationEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write label event " + event.eventId(), e);
        }
    }

    private Duration grown(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    private Properties producerConfig() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "annotation-service-relay");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        int timeout = (int) config.deliveryTimeout().toMillis();
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 3));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeout / 3));
        return properties;
    }

    /** What one round did: how many events it read, and whether Kafka took them all. */
    record Round(int read, boolean complete) {
    }
}

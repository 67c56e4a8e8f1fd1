package io.rubrix.annotation.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes the label events of the history to Kafka, oldest first, and marks them published once Kafka
 * acknowledged them. Labelling never waits for Kafka: while it is away, events wait in the history and go out
 * when it is back. Delivery is at least once; a record's events keep their order (one key, one partition, an
 * idempotent producer, and a record's later events are held back in a round where an earlier one failed).
 * Runs on its own thread, since a Kafka producer may block while the cluster is unreachable.
 */
@ApplicationScoped
public class EventRelay {

    /** Longer than a round can take (the delivery timeout), so that a lease outlives the round that renewed it. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final HistoryStore history;
    private final RelayLease lease;
    private final RelayConfig config;
    private final ObjectMapper json;
    private final Counter published;
    private final Counter failed;
    private final Map<String, Object> kafka;
    private volatile ExecutorService thread;
    private volatile Producer<String, String> producer;
    private volatile boolean running;

    public EventRelay(HistoryStore history, RelayLease lease, RelayConfig config, ObjectMapper json,
            MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.history = history;
        this.kafka = kafka;
        this.lease = lease;
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
            try {
                lease.release();
            } catch (RuntimeException e) {
                Log.debugf("Releasing the relay lease failed: %s", e.getMessage());
            }
        }
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        while (running) {
            try {
                if (!lease.hold(LEASE)) {
                    backoff = config.maxBackoff(); // another replica relays; be ready when its lease runs out
                    sleep(backoff);
                    continue;
                }
                Round round = relayOnce();
                backoff = round.complete() ? config.pollInterval() : grown(backoff);
                if (round.complete() && (round.deferred() || round.read() == config.batchSize())) {
                    continue; // more are waiting
                }
            } catch (RuntimeException e) {
                Log.warnf("Relaying label events failed (retrying): %s", e.getMessage());
                backoff = grown(backoff);
            }
            sleep(backoff);
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * One round: the oldest unpublished events, at most one per record, sent, and those Kafka acknowledged marked
     * published. A record's next event goes in a later round, once this one is on Kafka: whatever the producer does
     * with a failed batch, a record's events cannot overtake each other.
     */
    Round relayOnce() {
        List<HistoryEntry> batch = history.unpublished(config.batchSize()).await().atMost(Duration.ofSeconds(30));
        if (batch.isEmpty()) {
            return new Round(0, true, false);
        }
        Set<String> keys = new HashSet<>();
        List<AnnotationEvent> round = new ArrayList<>();
        for (HistoryEntry entry : batch) {
            if (keys.add(entry.event().key())) {
                round.add(entry.event());
            }
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(round.size());
        for (AnnotationEvent event : round) {
            Future<RecordMetadata> send = send(event);
            sends.add(send);
            if (send.isDone() && !acknowledged(send)) {
                break; // e.g. no metadata within max.block.ms: the others would wait as long, so this round ends here
            }
        }
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            if (acknowledged(sends.get(i))) {
                delivered.add(round.get(i).eventId());
            }
        }
        history.markPublished(delivered, Instant.now()).await().atMost(Duration.ofSeconds(30));
        published.increment(delivered.size());
        failed.increment(round.size() - delivered.size());
        return new Round(batch.size(), delivered.size() == round.size(), round.size() < batch.size());
    }

    private Future<RecordMetadata> send(AnnotationEvent event) {
        try {
            return producer.send(new ProducerRecord<>(config.topic(), event.key(), write(event)));
        } catch (KafkaException unreachable) {
            return CompletableFuture.failedFuture(unreachable);
        }
    }

    /**
     * Waits for the producer's verdict, which comes within its delivery timeout: giving up earlier would resend an
     * event the producer may still deliver (a duplicate, and out of order).
     */
    private boolean acknowledged(Future<RecordMetadata> send) {
        try {
            send.get(config.deliveryTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
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

    /**
     * The service's {@code kafka.*} settings (security protocol, SASL login, truststore: the identity it has in
     * Kubernetes, docs/adr/0006), then the relay's own.
     */
    private Properties producerConfig() {
        Properties properties = new Properties();
        properties.putAll(kafka);
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

    /**
     * What one round did: how many events it read, whether Kafka took all it sent, and whether some waited for a
     * record's earlier event.
     */
    record Round(int read, boolean complete, boolean deferred) {
    }
}

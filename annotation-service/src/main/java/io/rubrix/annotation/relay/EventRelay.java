package io.rubrix.annotation.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the label events of the history to Kafka (channel {@code label-events}), oldest first, and marks them
 * published once Kafka acknowledged them. Labelling never waits for Kafka: while it is away, events wait in the
 * history and go out when it is back. Delivery is at least once; a record's events keep their order (one key, one
 * partition, an idempotent producer, and a record's later events held back in a round where an earlier one failed).
 * One replica relays at a time ({@link RelayLease}); the scheduler starts a pass every poll interval unless the
 * last one still runs, and a pass runs rounds while events wait and Kafka takes them.
 */
@ApplicationScoped
public class EventRelay {

    /** Longer than a round can take (the delivery timeout), so that a lease outlives the round that renewed it. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final HistoryStore history;
    private final RelayLease lease;
    private final RelayConfig config;
    private final ObjectMapper json;
    private final MutinyEmitter<String> kafka;
    private final Counter published;
    private final Counter failed;
    private final RelaySpans spans;
    /** After a pass that failed, or while another replica relays, no pass starts before this. */
    private volatile Instant resting = Instant.EPOCH;
    private volatile Duration backoff;

    public EventRelay(HistoryStore history, RelayLease lease, RelayConfig config, ObjectMapper json,
            MeterRegistry registry, RelaySpans spans,
            @Channel("label-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> kafka) {
        this.history = history;
        this.lease = lease;
        this.config = config;
        this.json = json;
        this.kafka = kafka;
        this.spans = spans;
        this.backoff = config.pollInterval();
        this.published = Counter.builder("rubrix.annotations.events.published")
                .description("Label events delivered to Kafka").register(registry);
        this.failed = Counter.builder("rubrix.annotations.events.delivery-failures")
                .description("Label events Kafka did not acknowledge in time (they are sent again)").register(registry);
    }

    @Scheduled(identity = "label-event-relay", every = "${rubrix.annotations.relay.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = RelayConfig.Disabled.class)
    Uni<Void> relay() {
        if (Instant.now().isBefore(resting)) {
            return Uni.createFrom().voidItem();
        }
        return lease.hold(LEASE)
                .chain(held -> {
                    if (!held) {
                        rest(config.maxBackoff()); // another replica relays; be ready when its lease runs out
                        return Uni.createFrom().voidItem();
                    }
                    return rounds();
                })
                .onFailure().invoke(e -> {
                    Log.warnf("Relaying label events failed (retrying): %s", e.getMessage());
                    rest(grown());
                })
                .onFailure().recoverWithNull();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (config.enabled()) {
            lease.release().onFailure().invoke(e -> Log.debugf("Releasing the relay lease failed: %s", e.getMessage()))
                    .onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(5));
        }
    }

    /**
     * Rounds one after another while more events wait and Kafka took every one sent. Repeated, not chained: a round
     * that chained the next kept its own events (500, records before and after) until the last round ended, and the
     * 50,000 events of one bulk job ran the service out of heap.
     */
    private Uni<Void> rounds() {
        return Multi.createBy().repeating().uni(this::relayOnce)
                .whilst(round -> round.complete() && (round.deferred() || round.read() == config.batchSize()))
                .invoke(round -> {
                    if (round.complete()) {
                        backoff = config.pollInterval();
                    } else {
                        rest(grown());
                    }
                })
                .collect().last().replaceWithVoid();
    }

    /**
     * One round: the oldest unpublished events, at most one per record, sent, and those Kafka acknowledged marked
     * published. A record's next event goes in a later round, once this one is on Kafka: whatever the producer does
     * with a failed batch, a record's events cannot overtake each other. The first event goes alone: when Kafka is
     * away, the round ends after one send times out instead of after each of them in turn.
     */
    Uni<Round> relayOnce() {
        return history.unpublished(config.batchSize()).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(new Round(0, true, false));
            }
            List<HistoryEntry> round = onePerRecord(batch);
            return delivered(round.subList(0, 1)).chain(first -> first.isEmpty()
                            ? Uni.createFrom().item(first)
                            : delivered(round.subList(1, round.size())).map(rest -> Stream.concat(first.stream(), rest.stream()).toList()))
                    .call(delivered -> history.markPublished(delivered, Instant.now()))
                    .map(delivered -> {
                        published.increment(delivered.size());
                        failed.increment(round.size() - delivered.size());
                        return new Round(batch.size(), delivered.size() == round.size(), round.size() < batch.size());
                    });
        });
    }

    private static List<HistoryEntry> onePerRecord(List<HistoryEntry> batch) {
        Set<String> keys = new HashSet<>();
        List<HistoryEntry> round = new ArrayList<>();
        for (HistoryEntry entry : batch) {
            if (keys.add(entry.event().key())) {
                round.add(entry);
            }
        }
        return round;
    }

    /** The events Kafka acknowledged, sent side by side. */
    private Uni<List<HistoryEntry>> delivered(List<HistoryEntry> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<HistoryEntry>> sends = events.stream().map(this::send).toList();
        return Uni.join().all(sends).andCollectFailures()
                .map(sent -> sent.stream().filter(entry -> entry != null).toList());
    }

    /**
     * The event once Kafka acknowledged it, null when it did not within the producer's delivery timeout (the
     * bound here only guards against a verdict that never comes: giving up before the producer does would resend
     * an event it may still deliver, a duplicate and out of order).
     */
    private Uni<HistoryEntry> send(HistoryEntry entry) {
        AnnotationEvent event = entry.event();
        Span span = spans.start(entry);
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key());
        String traceParent = RelaySpans.traceParent(span, entry);
        if (traceParent != null) {
            metadata.withHeaders(new RecordHeaders().add(TraceParents.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII)));
        }
        Message<String> message = Message.of(write(event)).addMetadata(metadata.build());
        return kafka.sendMessage(message)
                .ifNoItem().after(config.deliveryTimeout().plusSeconds(30)).fail()
                .onItemOrFailure().invoke((ignored, failure) -> RelaySpans.end(span, failure))
                .replaceWith(entry)
                .onFailure().recoverWithNull();
    }

    private String write(AnnotationEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write label event " + event.eventId(), e);
        }
    }

    private void rest(Duration pause) {
        resting = Instant.now().plus(pause);
    }

    private Duration grown() {
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
        return backoff;
    }

    /**
     * What one round did: how many events it read, whether Kafka took all it sent, and whether some waited for a
     * record's earlier event.
     */
    record Round(int read, boolean complete, boolean deferred) {
    }
}

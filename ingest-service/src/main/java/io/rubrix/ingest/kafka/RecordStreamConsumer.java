package io.rubrix.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.ingest.dataset.DatasetService;
import io.rubrix.ingest.records.RecordWriter;
import io.rubrix.ingest.records.WriteFailure;
import io.rubrix.ingest.rules.WeakLabeller;
import io.rubrix.model.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Vertx;

/**
 * Streams production records from topic {@code rubrix.records} into Elasticsearch. The records of consecutive
 * polls go out as bulks of {@code rubrix.ingest.kafka.bulk-size} records per dataset (fewer after
 * {@code rubrix.ingest.kafka.linger}), {@code rubrix.ingest.kafka.concurrent-bulks} of them at a time: one bulk
 * at a time left Elasticsearch indexing on one thread ({@link StreamBulks}: a record sent twice ends as it was
 * sent last). A poll is acknowledged (its offsets committed) only after Elasticsearch took every valid record
 * and Kafka took every dead letter, and after the polls before it: at-least-once, exactly-once in effect because
 * ids make writes idempotent. While Elasticsearch cannot be reached, bulks are retried with backoff and no new
 * poll is taken once a few bulks wait, so consumption pauses and resumes by itself.
 */
@ApplicationScoped
public class RecordStreamConsumer {

    public static final String CHANNEL = "records-in";
    static final String WRITER = "kafka";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private final DatasetService datasets;
    private final RecordWriter writer;
    private final WeakLabeller weakLabeller;
    private final DeadLetterPublisher deadLetters;
    private final IndexLayout layout;
    private final EnvelopeReader envelopes;
    private final Counter ingested;
    private final Counter rejected;
    private final StreamBulks bulks;
    private final StreamSpans spans;

    public RecordStreamConsumer(DatasetService datasets, RecordWriter writer, WeakLabeller weakLabeller,
            DeadLetterPublisher deadLetters, IndexLayout layout, ObjectMapper json, MeterRegistry registry,
            StreamSpans spans,
            @ConfigProperty(name = "rubrix.ingest.kafka.bulk-size") int bulkSize,
            @ConfigProperty(name = "rubrix.ingest.kafka.concurrent-bulks") int concurrentBulks,
            @ConfigProperty(name = "rubrix.ingest.kafka.linger") Duration linger, Vertx vertx) {
        this.datasets = datasets;
        this.writer = writer;
        this.weakLabeller = weakLabeller;
        this.deadLetters = deadLetters;
        this.layout = layout;
        this.spans = spans;
        this.envelopes = new EnvelopeReader(json);
        this.ingested = Counter.builder("rubrix.ingest.records").tag("source", "kafka")
                .description("Records written to Elasticsearch").register(registry);
        this.rejected = Counter.builder("rubrix.ingest.records.rejected").tag("source", "kafka")
                .description("Records refused (invalid or refused by Elasticsearch)").register(registry);
        this.bulks = new StreamBulks(this::ingestRetryingTransientFailures, vertx, bulkSize, concurrentBulks, linger);
        gauge(registry, "rubrix.ingest.kafka.records.waiting", StreamBulks::waitingRecords,
                "Records taken from Kafka that wait for a bulk (they grow while Elasticsearch is down)");
        gauge(registry, "rubrix.ingest.kafka.bulks.in.flight", StreamBulks::bulksInFlight,
                "Bulks of Kafka records being written to Elasticsearch");
    }

    /**
     * A gauge of this consumer's bulks. A registry answers a gauge registered again under the same name with the one
     * it has, bound (weakly) to whatever it was first given: a consumer made again in the same process (the tests
     * restart the application) would be read through its predecessor's, and read NaN once that is collected. The
     * gauge is made anew here, held strongly: the consumer lives as long as the application.
     */
    private void gauge(MeterRegistry registry, String name, java.util.function.ToDoubleFunction<StreamBulks> value,
            String description) {
        registry.find(name).gauges().forEach(registry::remove);
        Gauge.builder(name, bulks, value).description(description).strongReference(true).register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return bulks.add(StreamBatch.read(batch.getRecords(), envelopes), letters -> deadLetters
                .publish(DeadLetter.onePerMessage(letters))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack())));
    }

    /** Within the bulk's span ({@link StreamSpans}) when tracing is on. */
    private Uni<List<DeadLetter>> ingestRetryingTransientFailures(StreamBatch.Group group) {
        Span span = spans.start(group);
        if (!span.getSpanContext().isValid()) {
            return ingestRetrying(group);
        }
        return TraceParents.within(Context.current().with(span), () -> ingestRetrying(group))
                .onTermination().invoke(span::end);
    }

    private Uni<List<DeadLetter>> ingestRetrying(StreamBatch.Group group) {
        return ingest(group)
                .onFailure(RecordStreamConsumer::isTransient).invoke(e -> Log.warnf(
                        "Elasticsearch unavailable while writing to %s/%s (%s); retrying", group.workspace(),
                        group.dataset(), e.getMessage()))
                .onFailure(RecordStreamConsumer::isTransient).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .onFailure().recoverWithItem(e -> refuseGroup(group, e));
    }

    private Uni<List<DeadLetter>> ingest(StreamBatch.Group group) {
        return datasets.openForWrite(group.workspace(), group.dataset(), group.task(), WRITER, null, null)
                .chain(dataset -> writer.write(layout.recordsIndex(group.workspace(), group.dataset()), group.task(),
                        weakLabeller.labelled(dataset, List.copyOf(group.records().values())), false))
                .map(failures -> {
                    if (failures.stream().anyMatch(WriteFailure::transientFailure)) {
                        throw new TransientWriteFailure(failures.size() + " records refused for now");
                    }
                    ingested.increment(group.records().size() - failures.size());
                    rejected.increment(failures.size());
                    return deadLettersOf(group, failures);
                });
    }

    /** One dead letter per message, listing its refused records. */
    private static List<DeadLetter> deadLettersOf(StreamBatch.Group group, List<WriteFailure> failures) {
        Map<Object, List<WriteFailure>> byMessage = failures.stream()
                .collect(Collectors.groupingBy(f -> group.sources().get(f.id())));
        List<DeadLetter> letters = new ArrayList<>();
        byMessage.forEach((message, refused) -> letters.add(new DeadLetter(group.sources().get(refused.get(0).id()),
                refused.stream().map(f -> "record " + f.id() + ": " + f.reason()).collect(Collectors.joining("; ")))));
        return letters;
    }

    /** A group that can never be written (wrong task, closed dataset, a bug): its messages go to the DLQ. */
    private List<DeadLetter> refuseGroup(StreamBatch.Group group, Throwable cause) {
        String reason = refusalReason(cause);
        if (!(cause instanceof ApiException)) {
            Log.errorf(cause, "Unexpected failure while ingesting into %s/%s", group.workspace(), group.dataset());
        }
        rejected.increment(group.records().size());
        return group.messages().stream().map(message -> new DeadLetter(message, reason)).toList();
    }


    /** What a dead letter says of a group refused as a whole: the refusal the caller would get, else that it was not. */
    static String refusalReason(Throwable cause) {
        return cause instanceof ApiException api ? api.problem().detail() : "not ingested: " + cause.getMessage();
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof TransientWriteFailure) {
            return true;
        }
        return StorageUnavailable.retryLater(failure);
    }

    /** Elasticsearch refused some records for now (busy): the whole group is written again later. */
    static final class TransientWriteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TransientWriteFailure(String message) {
            super(message, null, false, false);
        }
    }
}

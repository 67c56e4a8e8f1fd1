package io.rubrix.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.common.tracing.Tracers;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * The span of one bulk of Kafka records written to a dataset (docs/adr/0016-fleet-and-traces.md). A producer that
 * traces puts a W3C {@code traceparent} header on its messages; the bulk continues the trace of its first such message
 * (so that one trace runs producer, ingest-service, Elasticsearch) and links to the others', as OpenTelemetry's
 * messaging conventions do for batches. The Elasticsearch calls made while writing the bulk are its children.
 */
@ApplicationScoped
class StreamSpans {

    /** Links beyond this many are left out: a bulk of 500 records from 500 traced requests is not worth 500 links. */
    static final int MAX_LINKS = 64;

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<Long> COUNT = AttributeKey.longKey("messaging.batch.message_count");
    private static final AttributeKey<String> DATASET = AttributeKey.stringKey("rubrix.dataset");

    private final Tracer tracer;

    StreamSpans(Tracers tracers) {
        this.tracer = tracers.get("io.rubrix.ingest.kafka");
    }

    /** Started; the caller ends it. A no-op span when tracing is off. */
    Span start(StreamBatch.Group group) {
        Set<SpanContext> producers = new LinkedHashSet<>();
        String topic = null;
        for (KafkaRecord<String, byte[]> message : group.messages()) {
            topic = topic == null ? message.getTopic() : topic;
            SpanContext producer = producerOf(message);
            if (producer.isValid() && producers.size() <= MAX_LINKS) {
                producers.add(producer);
            }
        }
        SpanBuilder builder = tracer.spanBuilder((topic == null ? "records" : topic) + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka").setAttribute(OPERATION, "process")
                .setAttribute(COUNT, (long) group.records().size())
                .setAttribute(DATASET, group.workspace() + "/" + group.dataset());
        if (topic != null) {
            builder.setAttribute(DESTINATION, topic);
        }
        var each = producers.iterator();
        if (each.hasNext()) {
            builder.setParent(Context.root().with(Span.wrap(each.next())));
            each.forEachRemaining(builder::addLink);
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    private static SpanContext producerOf(KafkaRecord<String, byte[]> message) {
        Header header = message.getHeaders() == null ? null : message.getHeaders().lastHeader(TraceParents.HEADER);
        if (header == null || header.value() == null) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(TraceParents.context(new String(header.value(), StandardCharsets.US_ASCII)))
                .getSpanContext();
    }
}

package io.rubrix.annotation.relay;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.common.tracing.Tracers;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.HistoryEntry;

/**
 * The span of one label event's publication (docs/adr/0016-fleet-and-traces.md): a child of the request that
 * labelled, whose {@code traceparent} the history entry kept, though the relay sends it later and from elsewhere; its
 * own {@code traceparent} goes in the Kafka record's headers, so a consumer that traces continues the label's trace.
 */
@ApplicationScoped
class RelaySpans {

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    private final Tracer tracer;

    RelaySpans(Tracers tracers) {
        this.tracer = tracers.get("io.rubrix.annotation.relay");
    }

    /** Started; ended with {@link #end}. A no-op span when tracing is off. */
    Span start(HistoryEntry entry) {
        return tracer.spanBuilder(AnnotationEvent.TOPIC + " publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceParents.context(entry.traceParent()))
                .setAttribute(SYSTEM, "kafka").setAttribute(OPERATION, "send")
                .setAttribute(DESTINATION, AnnotationEvent.TOPIC)
                .setAttribute(MESSAGE_ID, entry.event().eventId()).startSpan();
    }

    /**
     * The event's {@code traceparent} header: its publication span's, or, with tracing off here, the labelling
     * request's as the history kept it (the trace goes on past this replica, as the gateway passes a caller's on).
     */
    static String traceParent(Span span, HistoryEntry entry) {
        String own = TraceParents.of(Context.root().with(span));
        return own != null ? own : entry.traceParent();
    }

    static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, "not acknowledged by Kafka: " + failure.getMessage());
        }
        span.end();
    }
}

package io.rubrix.common.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * W3C {@code traceparent} values, for traces that cross a store or a topic rather than a request: a Kafka record's
 * header, a history entry waiting for the relay (docs/adr/0016-fleet-and-traces.md). With tracing off there is no
 * current span and every value here is null.
 */
public final class TraceParents {

    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParents() {
    }

    /** The current span's {@code traceparent}, null when there is none (tracing off, or outside any trace). */
    public static String current() {
        return of(Context.current());
    }

    /** {@code context}'s span as a {@code traceparent}, null when it has none. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a {@code traceparent} names (as the parent of a new span); the root context for null or garbage. */
    public static Context context(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(HEADER, traceParent), FROM_MAP);
    }

    /**
     * Runs {@code work} with {@code context} current, on a Vert.x context of its own: what the work does later, on
     * that context (the answers of Elasticsearch come back to it), still sees {@code context} as current, so its
     * spans are children of it. For work that starts outside any request (a Kafka batch, a job).
     */
    public static <T> Uni<T> within(Context context, Supplier<Uni<T>> work) {
        io.vertx.core.Context current = Vertx.currentContext();
        if (current == null) {
            return Uni.createFrom().deferred(() -> {
                try (var ignored = context.makeCurrent()) {
                    return work.get();
                }
            });
        }
        io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(current);
        return Uni.createFrom().emitter(emitter -> own.runOnContext(ignored -> {
            // Not closed: the context is stored in this duplicated context's own data, which ends with it.
            context.makeCurrent();
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException failure) {
                emitter.fail(failure);
                return;
            }
            started.subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}

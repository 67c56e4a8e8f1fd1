package io.rubrix.common.elasticsearch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.rubrix.common.tracing.TraceParents;
import io.rubrix.common.tracing.Tracers;

/**
 * A client span per Elasticsearch request, child of the current span (a request's, a Kafka batch's), named after
 * the endpoint ({@code elasticsearch search}, {@code elasticsearch bulk}) with OpenTelemetry's database attributes.
 * Its {@code traceparent} goes along with the request: Elasticsearch's own tracing, where it is on, continues the
 * trace. With tracing off the spans are OpenTelemetry's no-op ones ({@link Tracers}).
 */
@ApplicationScoped
public class ElasticsearchSpans {

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;

    @Inject
    public ElasticsearchSpans(Tracers tracers) {
        this.tracer = tracers.get("io.rubrix.elasticsearch");
    }

    /** No spans: for code built outside the container (tests). */
    public static ElasticsearchSpans off() {
        return new ElasticsearchSpans(Tracers.off());
    }

    /** Starts the span of {@code method path} under the current context; the caller ends it with {@link #end}. */
    public Span start(String method, String path) {
        String operation = operation(method, path);
        return tracer.spanBuilder("elasticsearch " + operation).setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .setAttribute(DB_SYSTEM, "elasticsearch").setAttribute(DB_OPERATION, operation)
                .setAttribute(METHOD, method).setAttribute(PATH, path).startSpan();
    }

    /** The span's {@code traceparent}, for the request's headers; null when the span is a no-op. */
    public static String traceParent(Span span) {
        return TraceParents.of(Context.root().with(span));
    }

    public static void answered(Span span, int status) {
        span.setAttribute(STATUS, status);
        if (status >= 400) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? "" : failure.getMessage());
        span.end();
    }

    /**
     * The endpoint's name, short: the first {@code _} segment of the path ({@code /records-x/_search} is
     * {@code search}, {@code /_bulk} {@code bulk}, {@code /i/_doc/_id} {@code doc}: index names never start with
     * {@code _}, record ids may), else what the method does to an index ({@code index.get}, {@code index.head}).
     */
    static String operation(String method, String path) {
        int query = path.indexOf('?');
        for (String segment : (query < 0 ? path : path.substring(0, query)).split("/")) {
            if (segment.startsWith("_") && segment.length() > 1) {
                return segment.substring(1);
            }
        }
        return "index." + method.toLowerCase(java.util.Locale.ROOT);
    }
}

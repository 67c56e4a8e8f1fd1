package io.rubrix.common.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * The tracers of our own spans. With traces off ({@code quarkus.otel.sdk.disabled}, the default) Quarkus still hands
 * out an SDK, without exporters, whose spans have ids of their own that would go out in {@code traceparent} headers
 * and lead nowhere; OpenTelemetry's no-op tracer is used instead, whose spans carry their parent's context on: a
 * trace that came in goes on out unchanged, as through the gateway.
 */
@ApplicationScoped
public class Tracers {

    private final OpenTelemetry openTelemetry;

    @Inject
    public Tracers(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        this.openTelemetry = disabled ? OpenTelemetry.noop() : openTelemetry;
    }

    /** No spans of our own (tests that build their objects themselves). */
    public static Tracers off() {
        return new Tracers(OpenTelemetry.noop(), true);
    }

    public Tracer get(String instrumentation) {
        return openTelemetry.getTracer(instrumentation);
    }
}

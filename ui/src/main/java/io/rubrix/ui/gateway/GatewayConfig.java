package io.rubrix.ui.gateway;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services are, and how long the gateway waits for them. */
@ConfigMapping(prefix = "rubrix.gateway")
public interface GatewayConfig {

    /** ingest-service's base URL (RUBRIX_GATEWAY_INGEST_URL). */
    @WithDefault("http://127.0.0.1:8081")
    URI ingestUrl();

    @WithDefault("http://127.0.0.1:8082")
    URI queryUrl();

    @WithDefault("http://127.0.0.1:8083")
    URI annotationUrl();

    /** A service that does not accept the connection within this is reported down (503). */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * A service silent for this long, before or during its answer, is reported as timing out (504). Long exports
     * keep sending, so this bounds silence, not the length of a transfer.
     */
    @WithDefault("120s")
    Duration idleTimeout();

    default URI urlOf(Service service) {
        return switch (service) {
            case ingest -> ingestUrl();
            case query -> queryUrl();
            case annotation -> annotationUrl();
        };
    }
}

package io.rubrix.ui.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the services are, and how long the gateway waits for them. Each service's URL is a list: its replicas,
 * comma-separated (RUBRIX_GATEWAY_QUERY_URL=http://127.0.0.1:8082,http://127.0.0.1:8182), balanced in turn
 * ({@link ServiceReplicas}); one URL (a Kubernetes Service, a compose service name) is one replica.
 */
@ConfigMapping(prefix = "rubrix.gateway")
public interface GatewayConfig {

    /** ingest-service's base URL, or its replicas' (RUBRIX_GATEWAY_INGEST_URL). */
    @WithDefault("http://127.0.0.1:8081")
    List<URI> ingestUrl();

    @WithDefault("http://127.0.0.1:8082")
    List<URI> queryUrl();

    @WithDefault("http://127.0.0.1:8083")
    List<URI> annotationUrl();

    /**
     * Where a replica's readiness is asked: its management port, this far from its public port (8082 -> 9082), for
     * services listed with several replicas.
     */
    @WithDefault("1000")
    int readinessPortOffset();

    /** How often each replica of a service with several is asked whether it is ready. */
    @WithDefault("2s")
    Duration readinessInterval();

    /** A replica that does not answer its readiness within this is not ready. */
    @WithDefault("1s")
    Duration readinessTimeout();

    /** A service that does not accept the connection within this is reported down (503). */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * A service silent for this long, before or during its answer, is reported as timing out (504). Long exports
     * keep sending, so this bounds silence, not the length of a transfer.
     */
    @WithDefault("120s")
    Duration idleTimeout();

    default List<URI> urlsOf(Service service) {
        return switch (service) {
            case ingest -> ingestUrl();
            case query -> queryUrl();
            case annotation -> annotationUrl();
        };
    }
}

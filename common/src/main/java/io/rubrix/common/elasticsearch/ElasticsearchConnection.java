package io.rubrix.common.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Elasticsearch is and how to connect, read once from the {@code quarkus.elasticsearch.*} keys that also
 * configure Quarkus' REST client, so that the event loops' requests ({@link EventLoopRequests}) reach the same cluster
 * the same way.
 */
@ConfigMapping(prefix = "quarkus.elasticsearch")
public interface ElasticsearchConnection {

    /** {@code host:port} each. */
    List<String> hosts();

    @WithDefault("http")
    String protocol();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("1S")
    Duration connectionTimeout();

    @WithDefault("30S")
    Duration socketTimeout();

    @WithDefault("10")
    int maxConnectionsPerRoute();

    /** The {@code Authorization} header of a cluster with a username: HTTP Basic, sent with every request. */
    default Optional<String> basicAuthorization() {
        return username().map(user -> "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password().orElse("")).getBytes(StandardCharsets.UTF_8)));
    }
}

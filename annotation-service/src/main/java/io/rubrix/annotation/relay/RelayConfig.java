package io.rubrix.annotation.relay;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How label events travel from the history (the outbox) to Kafka. */
@ConfigMapping(prefix = "rubrix.annotations.relay")
public interface RelayConfig {

    /** Off only for tools that must not publish; the service relays by default. */
    @WithDefault("true")
    boolean enabled();

    /** The topic of label events. */
    @WithDefault("rubrix.annotations")
    String topic();

    /** Kafka brokers; the service's {@code kafka.bootstrap.servers} unless set. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /** How often the outbox is read when it was empty. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Events read and sent per round. */
    @WithDefault("500")
    int batchSize();

    /** How long Kafka may take to acknowledge an event before the round gives up (it is retried later). */
    @WithDefault("15s")
    Duration deliveryTimeout();

    /** The longest wait between rounds while Kafka is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();
}

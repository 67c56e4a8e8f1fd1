package io.rubrix.annotation.relay;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How label events travel from the history (the outbox) to Kafka. The producer's own settings (brokers, timeouts)
 * are those of channel {@code label-events} ({@code mp.messaging.outgoing.label-events.*}).
 */
@ConfigMapping(prefix = "rubrix.annotations.relay")
public interface RelayConfig {

    /** Off only for tools that must not publish; the service relays by default. */
    @WithDefault("true")
    boolean enabled();

    /** The topic of label events. */
    @WithDefault("rubrix.annotations")
    String topic();

    /** How often the outbox is read when it was empty (also the scheduler's period). */
    @WithDefault("0.5s")
    Duration pollInterval();

    /**
     * Events read and sent per round. A round ends when a refresh shows its marks (up to the history's refresh
     * interval), so a round carries enough to keep up with a bulk job; at most the emitter's buffer
     * ({@link EventRelay}), as all but the first are sent side by side.
     */
    @WithDefault("5000")
    int batchSize();

    /** The producer's delivery timeout ({@code delivery.timeout.ms} of the channel): Kafka's verdict comes within it. */
    @WithDefault("15s")
    Duration deliveryTimeout();

    /** The longest wait between rounds while Kafka is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();

    /**
     * Skips the relay's scheduled passes when {@code rubrix.annotations.relay.enabled=false},
     * and until the application has started: Kafka's emitters are connected by a start-up observer, and a pass
     * that came first failed with "Unable to connect an emitter" (seen when the service starts in under two seconds).
     */
    @Singleton
    class Disabled implements Scheduled.SkipPredicate {

        private final RelayConfig config;
        private volatile boolean started;

        public Disabled(RelayConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled() || !started;
        }

        void started(@Observes StartupEvent event) {
            started = true;
        }
    }
}

package io.rubrix.annotation.monitor;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How drift monitors are evaluated and their alerts delivered (ADR 0014). The Kafka producer's own settings are those
 * of channel {@code drift-alerts} ({@code mp.messaging.outgoing.drift-alerts.*}).
 */
@ConfigMapping(prefix = "rubrix.monitors")
public interface MonitorConfig {

    /** Off only for tools that must not evaluate; the service evaluates by default. */
    @WithDefault("true")
    boolean enabled();

    /** How often the scheduler looks for monitors due and alerts to deliver (a monitor's own period is its every). */
    @WithDefault("5s")
    Duration tick();

    /** The topic of alert events. */
    @WithDefault("rubrix.alerts")
    String topic();

    /** Attempts at a webhook before its delivery is given up as failed. */
    @WithDefault("8")
    int webhookAttempts();

    /** The wait after a webhook's first failed attempt; it doubles after each one. */
    @WithDefault("2s")
    Duration webhookBackoff();

    /** The longest wait between two attempts at a webhook. */
    @WithDefault("5m")
    Duration webhookMaxBackoff();

    /**
     * Whether webhooks may POST to the local network (loopback, private, link-local addresses): off, so that a
     * monitor cannot reach what only the cluster should (the local stack and tests turn it on).
     */
    @WithDefault("false")
    boolean webhookLocalNetwork();

    /** How long a webhook receiver has to answer. */
    @WithDefault("10s")
    Duration webhookTimeout();

    /**
     * Skips the scheduled passes when {@code rubrix.monitors.enabled=false},
     * and until the application has started: Kafka's emitters are connected by a start-up observer, and a pass
     * that came first failed with "Unable to connect an emitter" (seen when the service starts in under two seconds).
     */
    @Singleton
    class Disabled implements Scheduled.SkipPredicate {

        private final MonitorConfig config;
        private volatile boolean started;

        public Disabled(MonitorConfig config) {
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

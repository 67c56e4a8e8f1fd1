package io.rubrix.annotation.monitor;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rubrix.model.monitor.DriftAlert;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Delivers the alerts kept in the drift index (the outbox): each event to Kafka ({@code rubrix.alerts}, at least
 * once, key {@link DriftAlert#key()}) and to the monitor's webhook, retried with a doubling wait until it answers 2xx
 * or the attempts are spent. What became of each delivery is written back on the alert, for people to see.
 */
@ApplicationScoped
public class AlertDelivery {

    private static final int BATCH = 100;

    private final DriftStore store;
    private final WebhookSender webhooks;
    private final WebhookGuard guard;
    private final MonitorConfig config;
    private final ObjectMapper json;
    private final MutinyEmitter<String> kafka;
    private final Counter published;
    private final Counter webhookFailures;

    public AlertDelivery(DriftStore store, WebhookSender webhooks, WebhookGuard guard, MonitorConfig config, ObjectMapper json,
            MeterRegistry registry,
            @Channel("drift-alerts") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 256)
            MutinyEmitter<String> kafka) {
        this.store = store;
        this.webhooks = webhooks;
        this.guard = guard;
        this.config = config;
        this.json = json;
        this.kafka = kafka;
        this.published = Counter.builder("rubrix.drift.alerts.published")
                .description("Drift alerts delivered to Kafka").register(registry);
        this.webhookFailures = Counter.builder("rubrix.drift.webhook.failures")
                .description("Webhook attempts that did not get a 2xx answer").register(registry);
    }

    /** One pass over the alerts waiting: how many were changed. */
    public Uni<Integer> deliver(Instant now) {
        return store.pending(now, BATCH).chain(pending -> Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(alert -> deliverOne(alert, now))
                .collect().asList()
                .call(store::delivered)
                .map(List::size));
    }

    private Uni<PendingAlert> deliverOne(PendingAlert alert, Instant now) {
        String body = write(alert.event());
        Uni<PendingAlert> onKafka = alert.published() ? Uni.createFrom().item(alert)
                : kafka.sendMessage(Message.of(body).addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.event().key()).build()))
                        .ifNoItem().after(config.webhookTimeout().multipliedBy(3)).fail()
                        .invoke(() -> published.increment())
                        .replaceWith(alert.publishedNow())
                        .onFailure().recoverWithItem(alert);
        return onKafka.chain(sent -> sent.webhook() == null || !sent.webhook().due(now)
                ? Uni.createFrom().item(sent)
                : store.target(sent.monitorId()).chain(target -> target.isEmpty()
                        ? Uni.createFrom().item(sent.with(sent.webhook().failed(null,
                                "the monitor has no webhook secret any more (deleted or replaced)", now, config)))
                        : guard.refusal(target.get().url()).chain(refused -> refused.isPresent()
                                ? Uni.createFrom().item(new WebhookSender.Outcome(null, "refused: " + refused.get()))
                                : webhooks.post(target.get().url(), target.get().secret(), sent.event().eventId(), body))
                                .map(outcome -> {
                                    if (outcome.delivered()) {
                                        return sent.with(sent.webhook().succeeded(outcome.status(), Instant.now()));
                                    }
                                    webhookFailures.increment();
                                    return sent.with(sent.webhook().failed(outcome.status(), outcome.error(),
                                            Instant.now(), config));
                                })));
    }

    private String write(DriftAlert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + alert.eventId(), e);
        }
    }
}

package io.rubrix.annotation.monitor;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.Timestamps;

/**
 * Where an alert's webhook stands: {@code none} (the monitor has none), {@code pending} (due at {@code next_at}),
 * {@code delivered} (the receiver answered 2xx) or {@code failed} (every attempt failed); {@code last_error} says why
 * the last attempt failed.
 */
@RegisterForReflection
@JsonPropertyOrder({"state", "url", "attempts", "next_at", "last_status", "last_error", "delivered_at"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDelivery(
        @JsonProperty("state") State state,
        @JsonProperty("url") String url,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("next_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant nextAt,
        @JsonProperty("last_status") Integer lastStatus,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("delivered_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant deliveredAt) {

    public enum State {
        none, pending, delivered, failed
    }

    boolean due(Instant now) {
        return state == State.pending && (nextAt == null || !nextAt.isAfter(now));
    }

    WebhookDelivery succeeded(int status, Instant now) {
        return new WebhookDelivery(State.delivered, url, attempts + 1, null, status, null, now);
    }

    /** After a failed attempt: pending again after a doubled wait, or failed once the attempts are spent. */
    WebhookDelivery failed(Integer status, String error, Instant now, MonitorConfig config) {
        int made = attempts + 1;
        if (made >= config.webhookAttempts()) {
            return new WebhookDelivery(State.failed, url, made, null, status, error, null);
        }
        Duration wait = config.webhookBackoff().multipliedBy(1L << Math.min(made - 1, 20));
        if (wait.compareTo(config.webhookMaxBackoff()) > 0) {
            wait = config.webhookMaxBackoff();
        }
        return new WebhookDelivery(State.pending, url, made, now.plus(wait), status, error, null);
    }
}

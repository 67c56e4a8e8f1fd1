package io.rubrix.annotation.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.monitor.DriftAlert;

/** An alert document whose Kafka event or webhook waits, with what became of them so far. */
public record PendingAlert(String id, String monitorId, DriftAlert event, boolean published, WebhookDelivery webhook) {

    static PendingAlert read(ObjectMapper json, String id, JsonNode source) {
        try {
            DriftAlert event = json.treeToValue(source.path("result").path("event"), DriftAlert.class);
            WebhookDelivery webhook = json.treeToValue(source.path("webhook"), WebhookDelivery.class);
            return new PendingAlert(id, MonitorKey.id(event.workspace(), event.dataset(), event.monitor()), event,
                    source.path("published").asBoolean(), webhook);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert " + id + ": " + e.getOriginalMessage(), e);
        }
    }

    PendingAlert publishedNow() {
        return new PendingAlert(id, monitorId, event, true, webhook);
    }

    PendingAlert with(WebhookDelivery delivery) {
        return new PendingAlert(id, monitorId, event, published, delivery);
    }
}

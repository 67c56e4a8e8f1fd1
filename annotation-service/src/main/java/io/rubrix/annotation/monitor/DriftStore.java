package io.rubrix.annotation.monitor;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.monitor.DriftAlert;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.MeasureResult;
import io.rubrix.model.record.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * The drift index (ADR 0014): per monitor, a {@code state} document (when it was last evaluated, which measures
 * alert); per evaluation, one {@code evaluation} document per measure (the time series Kibana and the web app chart);
 * per alert raised or cleared, an {@code alert} document that is also the outbox of its Kafka event and webhook. Each
 * webhook's URL and secret are in an index of their own ({@link IndexLayout#webhookSecretsIndex()}), read by this
 * service alone.
 */
@ApplicationScoped
public class DriftStore {

    /** A monitor's state: when it was last evaluated and the measures alerting since. */
    public record MonitorState(Instant evaluatedAt, Set<String> alerting) {

        /**
         * The measures alerting, for a monitor created at {@code createdAt}: none when the state is older (a
         * monitor of the same name in a dataset deleted and made again left it behind).
         */
        public Set<String> alertingFor(Instant createdAt) {
            return evaluatedAt == null || createdAt == null || !evaluatedAt.isBefore(createdAt) ? alerting : Set.of();
        }
    }

    private final Elasticsearch elasticsearch;
    private final AnnotationIndices indices;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public DriftStore(Elasticsearch elasticsearch, AnnotationIndices indices, IndexLayout layout, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
        this.layout = layout;
        this.json = json;
    }

    /** Every monitor's state, by {@link MonitorKey#id()}. */
    public Uni<Map<String, MonitorState>> states() {
        Map<String, Object> search = Map.of("size", 10_000, "query", Map.of("term", Map.of("type", "state")));
        return elasticsearch.send("POST", "/" + layout.driftIndex() + "/_search", search).map(answer -> {
            Map<String, MonitorState> states = new HashMap<>();
            for (JsonNode hit : answer.path("hits").path("hits")) {
                JsonNode state = hit.path("_source");
                states.put(MonitorKey.id(state.path("workspace").asText(), state.path("dataset").asText(),
                        state.path("monitor").asText()), stateOf(state));
            }
            return states;
        }).onFailure(ElasticsearchException::notFound).recoverWithItem(Map.of());
    }

    /** One monitor's state as it is now (a get sees the last write at once; a search only after a refresh). */
    public Uni<MonitorState> state(String monitorId) {
        return elasticsearch.get("/" + layout.driftIndex() + "/_doc/" + PathSegment.encode("state." + monitorId))
                .map(found -> stateOf(found.path("_source")))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(new MonitorState(null, Set.of()));
    }

    private static MonitorState stateOf(JsonNode state) {
        Set<String> alerting = new HashSet<>();
        state.path("alerting").forEach(measure -> alerting.add(measure.asText()));
        return new MonitorState(Instant.parse(state.path("at").asText()), alerting);
    }

    /**
     * One evaluation kept in one {@code _bulk}: a document per measure, the alerts it raised or cleared (each
     * waiting for Kafka, and for the webhook when there is one), and the monitor's new state.
     */
    public Uni<Void> record(MonitorKey key, Evaluation evaluation, List<DriftAlert> alerts, Set<String> alerting) {
        String index = layout.driftIndex();
        NdjsonBody bulk = new NdjsonBody();
        for (MeasureResult result : evaluation.measures()) {
            bulk.action(json, "index", index, evaluation.evaluationId() + "." + result.measure());
            bulk.line(json, evaluationDocument(key, evaluation, result));
        }
        for (DriftAlert alert : alerts) {
            bulk.action(json, "create", index, alert.eventId());
            bulk.line(json, alertDocument(key, alert));
        }
        ObjectNode state = stateDocument(key, evaluation.at(), alerting);
        bulk.action(json, "index", index, "state." + key.id());
        bulk.line(json, state);
        return indices.ensureReady().chain(() -> elasticsearch.bulk(bulk, Map.of())).invoke(answer -> {
            // an alert already there (409 on its create) was raised or cleared by an evaluation from the same state
            if (answer.errors() && answer.items().stream().anyMatch(item -> item.has("error")
                    && item.path("status").asInt() != 409)) {
                throw new IllegalStateException("the drift index refused part of an evaluation of " + key.id() + ": "
                        + answer.firstError());
            }
        }).replaceWithVoid();
    }

    /**
     * An evaluation that failed (a field Elasticsearch cannot aggregate, say): the state says when and why, keeps the
     * alerts as they were, and the monitor waits for its next period rather than failing every tick.
     */
    public Uni<Void> failed(MonitorKey key, Set<String> alerting, Instant at, String error) {
        ObjectNode state = stateDocument(key, at, alerting);
        state.put("error", error.length() > 500 ? error.substring(0, 500) : error);
        return indices.ensureReady().chain(() -> elasticsearch.send("PUT", "/" + layout.driftIndex() + "/_doc/"
                + PathSegment.encode("state." + key.id()), state)).replaceWithVoid();
    }

    private ObjectNode stateDocument(MonitorKey key, Instant at, Set<String> alerting) {
        ObjectNode state = owned(key, "state");
        state.put("at", Timestamps.format(at));
        state.set("alerting", json.valueToTree(alerting.stream().sorted().toList()));
        return state;
    }

    private ObjectNode evaluationDocument(MonitorKey key, Evaluation evaluation, MeasureResult result) {
        ObjectNode document = owned(key, "evaluation");
        document.put("task", key.task().name());
        document.put("measure", result.measure());
        document.put("kind", result.kind().name());
        document.put("statistic", result.statistic().name());
        document.put("at", Timestamps.format(evaluation.at()));
        document.put("evaluation_id", evaluation.evaluationId());
        if (result.value() != null) {
            document.put("value", result.value());
        }
        document.put("threshold", result.threshold());
        document.put("reading", result.reading().name());
        document.put("reference_count", result.reference().count());
        document.put("live_count", result.live().count());
        ObjectNode kept = document.putObject("result");
        kept.set("measure", json.valueToTree(result));
        kept.set("reference", json.valueToTree(evaluation.reference()));
        kept.set("live", json.valueToTree(evaluation.live()));
        return document;
    }

    private ObjectNode alertDocument(MonitorKey key, DriftAlert alert) {
        ObjectNode document = owned(key, "alert");
        document.put("measure", alert.measure());
        document.put("statistic", alert.statistic().name());
        document.put("at", Timestamps.format(alert.at()));
        document.put("evaluation_id", alert.evaluationId());
        if (alert.value() != null) {
            document.put("value", alert.value());
        }
        document.put("threshold", alert.threshold());
        document.putObject("alert").put("event_id", alert.eventId()).put("type", alert.type().name());
        document.put("published", false);
        ObjectNode webhook = document.putObject("webhook");
        if (key.monitor().webhook() == null) {
            webhook.put("state", WebhookDelivery.State.none.name());
        } else {
            webhook.put("state", WebhookDelivery.State.pending.name()).put("attempts", 0)
                    .put("next_at", Timestamps.format(alert.at())).put("url", key.monitor().webhook().url());
        }
        document.putObject("result").set("event", json.valueToTree(alert));
        return document;
    }

    private ObjectNode owned(MonitorKey key, String type) {
        ObjectNode document = json.createObjectNode();
        document.put("type", type);
        document.put("workspace", key.workspace());
        document.put("dataset", key.dataset());
        document.put("monitor", key.monitor().name());
        return document;
    }

    /** Alerts whose Kafka event waits, or whose webhook is due again, oldest first. */
    public Uni<List<PendingAlert>> pending(Instant now, int limit) {
        ObjectNode search = json.createObjectNode();
        search.put("size", limit);
        search.putArray("sort").addObject().put("at", "asc");
        ObjectNode bool = search.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("type", "alert");
        ArrayNode either = bool.putArray("should");
        either.addObject().putObject("term").put("published", false);
        ObjectNode due = either.addObject().putObject("bool");
        due.putArray("filter").addObject().putObject("term").put("webhook.state", WebhookDelivery.State.pending.name());
        due.withArray("filter").addObject().putObject("range").putObject("webhook.next_at")
                .put("lte", now.toEpochMilli()).put("format", "epoch_millis");
        bool.put("minimum_should_match", 1);
        return elasticsearch.send("POST", "/" + layout.driftIndex() + "/_search", search).map(answer -> {
            List<PendingAlert> pending = new java.util.ArrayList<>();
            for (JsonNode hit : answer.path("hits").path("hits")) {
                pending.add(PendingAlert.read(json, hit.path("_id").asText(), hit.path("_source")));
            }
            return pending;
        }).onFailure(ElasticsearchException::notFound).recoverWithItem(List.of());
    }

    /** What became of one alert's deliveries. */
    public Uni<Void> delivered(List<PendingAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NdjsonBody bulk = new NdjsonBody();
        for (PendingAlert alert : alerts) {
            bulk.action(json, "update", layout.driftIndex(), alert.id());
            ObjectNode change = json.createObjectNode();
            ObjectNode doc = change.putObject("doc");
            doc.put("published", alert.published());
            doc.set("webhook", json.valueToTree(alert.webhook()));
            bulk.line(json, change);
        }
        return elasticsearch.bulk(bulk, Map.of("refresh", "true")).replaceWithVoid();
    }

    /** Makes every evaluation so far visible to searches (once per scheduler pass, not per monitor). */
    public Uni<Void> refresh() {
        return elasticsearch.send("POST", "/" + layout.driftIndex() + "/_refresh", null).replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    /** Where a monitor's webhook POSTs, and the secret it signs with; kept apart from the descriptor, which readers see. */
    public record WebhookTarget(String url, String secret) {
    }

    public Uni<Optional<WebhookTarget>> target(String monitorId) {
        return elasticsearch.get(secretPath(monitorId))
                .map(found -> Optional.of(new WebhookTarget(found.path("_source").path("url").asText(),
                        found.path("_source").path("secret").asText())))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(Optional.empty());
    }

    public Uni<Void> putTarget(String monitorId, WebhookTarget target) {
        return indices.ensureReady().chain(() -> elasticsearch.send("PUT", secretPath(monitorId),
                Map.of("url", target.url(), "secret", target.secret()))).replaceWithVoid();
    }

    /** A new URL for a webhook whose secret stays. */
    public Uni<Void> retarget(String monitorId, String url) {
        return elasticsearch.send("POST", "/" + layout.webhookSecretsIndex() + "/_update/"
                + PathSegment.encode(monitorId), Map.of("doc", Map.of("url", url))).replaceWithVoid();
    }

    /** Forgets a deleted monitor's secret and state (its evaluations and alerts stay, as history). */
    public Uni<Void> forget(String monitorId) {
        NdjsonBody bulk = new NdjsonBody();
        bulk.action(json, "delete", layout.webhookSecretsIndex(), monitorId);
        bulk.action(json, "delete", layout.driftIndex(), "state." + monitorId);
        return elasticsearch.bulk(bulk, Map.of("refresh", "true")).replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    public Uni<Void> deleteSecret(String monitorId) {
        return elasticsearch.send("DELETE", secretPath(monitorId), null).replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    private String secretPath(String monitorId) {
        return "/" + layout.webhookSecretsIndex() + "/_doc/" + PathSegment.encode(monitorId);
    }
}

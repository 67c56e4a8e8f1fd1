package io.rubrix.annotation.monitor;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.MeasureKind;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.MonitorRequest;
import io.rubrix.model.monitor.Webhook;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * Writes drift monitors into the dataset's descriptor, one key per monitor ({@code settings.monitors.<name>}), their
 * webhook secret apart (the drift index), and evaluates one on demand. Queries are checked by Elasticsearch before a
 * monitor is kept.
 */
@ApplicationScoped
public class MonitorsService {

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final Elasticsearch elasticsearch;
    private final DriftStore store;
    private final DriftRounds rounds;
    private final WebhookGuard guard;
    private final ObjectMapper json;

    public MonitorsService(DatasetStore datasets, RecordsIndex records, Elasticsearch elasticsearch, DriftStore store,
            DriftRounds rounds, WebhookGuard guard, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.elasticsearch = elasticsearch;
        this.store = store;
        this.rounds = rounds;
        this.guard = guard;
        this.json = json;
    }

    /** A monitor as written, and whether it is new. */
    public record Written(Monitor monitor, boolean created) {
    }

    public Uni<Written> put(String workspace, String name, Task task, String monitorName, MonitorRequest request,
            String author) {
        return datasets.require(workspace, name).map(dataset -> dataset.requireTask(task)).chain(dataset -> {
            Optional<Monitor> existing = find(dataset, monitorName);
            if (existing.isEmpty() && dataset.monitors().size() >= Monitor.PER_DATASET) {
                throw ApiException.badRequest("monitor", "the dataset has " + dataset.monitors().size()
                        + " monitors; a dataset has at most " + Monitor.PER_DATASET);
            }
            Monitor asked = request.named(monitorName);
            boolean secretKept = existing.map(Monitor::webhook).map(hook -> Boolean.TRUE.equals(hook.secretSet()))
                    .orElse(false);
            ApiException.requireNone(asked.violations(secretKept));
            Monitor monitor = asked.writtenBy(existing.map(Monitor::author).orElse(author),
                    existing.map(Monitor::createdAt).orElse(null), Instant.now());
            String index = records.name(workspace, name);
            String monitorId = MonitorKey.id(workspace, name, monitorName);
            Webhook before = existing.map(Monitor::webhook).orElse(null);
            return webhookAllowed(asked.webhook(), before)
                    .call(() -> readable(index, monitor))
                    .call(() -> numericWhereAsked(index, monitor))
                    .call(() -> textLengthMapped(index, monitor))
                    .call(() -> webhookTarget(monitorId, asked.webhook(), before))
                    .call(() -> datasets.update(workspace, name, stored(monitorName, document(monitor))))
                    .replaceWith(new Written(monitor, existing.isEmpty()));
        });
    }

    /**
     * The webhook's URL and secret kept apart: the URL given, or the stored one when the cut URL read back is given
     * (with a new secret or none); dropped with the webhook.
     */
    private Uni<Void> webhookTarget(String monitorId, Webhook asked, Webhook before) {
        if (asked == null) {
            return before == null ? Uni.createFrom().voidItem() : store.deleteSecret(monitorId);
        }
        boolean sameUrl = before != null && asked.url().equals(before.url());
        if (asked.secret() == null) {
            return sameUrl ? Uni.createFrom().voidItem() : store.retarget(monitorId, asked.url());
        }
        if (!sameUrl) {
            return store.putTarget(monitorId, new DriftStore.WebhookTarget(asked.url(), asked.secret()));
        }
        return store.target(monitorId).chain(stored -> store.putTarget(monitorId, new DriftStore.WebhookTarget(
                stored.map(DriftStore.WebhookTarget::url).orElse(asked.url()), asked.secret())));
    }

    /** A 400 naming webhook.url when a new URL points at the local network (unless the operator allows it). */
    private Uni<Void> webhookAllowed(Webhook asked, Webhook before) {
        if (asked == null || before != null && asked.url().equals(before.url())) {
            return Uni.createFrom().voidItem(); // none, or the stored one kept
        }
        return guard.refusal(asked.url()).invoke(refused -> refused.ifPresent(reason -> {
            throw ApiException.badRequest("webhook.url", reason);
        })).replaceWithVoid();
    }

    public Uni<Void> delete(String workspace, String name, Task task, String monitorName) {
        return require(workspace, name, task, monitorName)
                .chain(monitor -> datasets.update(workspace, name, stored(monitorName, null)))
                .call(() -> store.forget(MonitorKey.id(workspace, name, monitorName)));
    }

    /** Evaluates the monitor now, as its schedule would: the evaluation is kept and alerts are raised or cleared. */
    public Uni<Evaluation> evaluate(String workspace, String name, Task task, String monitorName) {
        return datasets.require(workspace, name).map(dataset -> dataset.requireTask(task)).chain(dataset -> {
            Monitor monitor = find(dataset, monitorName).orElseThrow(() -> notFound(name, monitorName));
            MonitorKey key = new MonitorKey(workspace, name, task, monitor);
            return store.state(key.id()).chain(state -> rounds.evaluate(key, state.alertingFor(monitor.createdAt()),
                            state.evaluatedAt(), Instant.now()))
                    .call(store::refresh);
        });
    }

    private Uni<Monitor> require(String workspace, String name, Task task, String monitorName) {
        return datasets.require(workspace, name).map(dataset -> find(dataset.requireTask(task), monitorName)
                .orElseThrow(() -> notFound(name, monitorName)));
    }

    private static Optional<Monitor> find(Dataset dataset, String monitorName) {
        return dataset.monitors().stream().filter(monitor -> monitor.name().equals(monitorName)).findFirst();
    }

    private static ApiException notFound(String dataset, String monitorName) {
        return ApiException.notFound("Monitor '" + monitorName + "' not found in dataset '" + dataset + "'");
    }

    private Uni<Void> readable(String index, Monitor monitor) {
        Uni<Void> query = monitor.query() == null ? Uni.createFrom().voidItem()
                : records.requireReadable(index, RecordQuery.textQuery(json, monitor.query()), "query");
        return query.chain(() -> monitor.reference().query() == null ? Uni.createFrom().voidItem()
                : records.requireReadable(index, RecordQuery.textQuery(json, monitor.reference().query()),
                        "reference.query"));
    }

    /**
     * A 400 naming the measure's type when a numeric metadata measure names a field the records hold as text (its
     * percentiles cannot be counted); a field not mapped yet (no record has it) is accepted.
     */
    private Uni<Void> numericWhereAsked(String index, Monitor monitor) {
        if (monitor.measures().stream().noneMatch(measure -> measure.kind() == MeasureKind.metadata
                && measure.type() == Measure.FieldType.numeric)) {
            return Uni.createFrom().voidItem();
        }
        return records.mapping(index).map(mapping -> {
            JsonNode fields = mapping.path(index).path("mappings").path("properties").path("metadata")
                    .path("properties");
            for (int i = 0; i < monitor.measures().size(); i++) {
                Measure measure = monitor.measures().get(i);
                String type = fields.path(measure.field()).path("type").asText("");
                if (measure.kind() == MeasureKind.metadata && measure.type() == Measure.FieldType.numeric
                        && !type.isEmpty() && !NUMBERS.contains(type)) {
                    throw ApiException.badRequest("measures[" + i + "].type", "metadata." + measure.field()
                            + " holds " + (type.equals("object") ? "objects" : "text (" + type + ")")
                            + ": a numeric measure needs numbers; measure it as categorical");
                }
            }
            return mapping;
        }).replaceWithVoid().onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    private static final java.util.Set<String> NUMBERS = java.util.Set.of("long", "integer", "short", "byte",
            "double", "float", "half_float", "scaled_float", "unsigned_long");

    /** A records index made before text_length was derived gets the field mapped (records logged from now carry it). */
    private Uni<Void> textLengthMapped(String index, Monitor monitor) {
        if (monitor.measures().stream().noneMatch(measure -> measure.kind() == MeasureKind.text_length)) {
            return Uni.createFrom().voidItem();
        }
        return elasticsearch.send("PUT", "/" + index + "/_mapping",
                        "{\"properties\":{\"text_length\":{\"type\":\"integer\"}}}")
                .replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(Monitor monitor) {
        Map<String, Object> document = new HashMap<>(json.convertValue(monitor, Map.class));
        for (String member : List.of("description", "query", "webhook")) {
            document.putIfAbsent(member, null); // a replacement clears what it leaves out (the update merges objects)
        }
        Map<String, Object> reference = new HashMap<>((Map<String, Object>) document.get("reference"));
        for (String member : List.of("from", "to", "query")) {
            reference.putIfAbsent(member, null);
        }
        document.put("reference", reference);
        return document;
    }

    private static Map<String, Object> stored(String monitorName, Object monitor) {
        Map<String, Object> monitors = new HashMap<>();
        monitors.put(monitorName, monitor);
        return Map.of("settings", Map.of("monitors", monitors));
    }
}

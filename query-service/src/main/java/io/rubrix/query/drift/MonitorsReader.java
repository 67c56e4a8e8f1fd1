package io.rubrix.query.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.monitor.DriftEvaluator;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.monitor.WindowSpan;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.MeasureResult;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.MonitorRequest;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * Reads a dataset's drift monitors (ADR 0014): their definitions from its descriptor, where they stand, their time
 * series and alerts from the drift index annotation-service writes, and a preview of a monitor not saved.
 */
@ApplicationScoped
public class MonitorsReader {

    public static final int MAX_POINTS = 5_000;
    public static final int MAX_ALERTS = 500;

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final DriftEvaluator evaluator;
    private final ObjectMapper json;

    public MonitorsReader(DatasetStore datasets, RecordsIndex records, Elasticsearch elasticsearch, IndexLayout layout,
            DriftEvaluator evaluator, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.evaluator = evaluator;
        this.json = json;
    }

    /** Every monitor of the dataset, by name, each with its status. */
    public Uni<MonitorViews.Listing> all(String workspace, String name, Task task) {
        return dataset(workspace, name, task).chain(dataset -> statuses(workspace, name, null).map(statuses ->
                new MonitorViews.Listing(dataset.monitors().stream().sorted(Comparator.comparing(Monitor::name))
                        .map(monitor -> new MonitorViews.Watched(monitor,
                                statuses.getOrDefault(monitor.name(), emptyStatus())))
                        .toList())));
    }

    /** One monitor, its status and its last evaluation (both windows' histograms). */
    public Uni<MonitorViews.Detail> one(String workspace, String name, Task task, String monitorName) {
        return monitor(workspace, name, task, monitorName).chain(monitor -> statuses(workspace, name, monitorName)
                .chain(statuses -> lastEvaluation(workspace, name, monitorName).map(last -> new MonitorViews.Detail(
                        monitor, statuses.getOrDefault(monitorName, emptyStatus()), last.orElse(null)))));
    }

    /** The monitor's measures over time, oldest first: the last {@code size} points in {@code [from, to)}. */
    public Uni<MonitorViews.Series> series(String workspace, String name, Task task, String monitorName,
            String measure, Instant from, Instant to, int size) {
        if (size < 1 || size > MAX_POINTS) {
            throw ApiException.badRequest("size", "must be from 1 to " + MAX_POINTS);
        }
        return monitor(workspace, name, task, monitorName).chain(monitor -> {
            ObjectNode search = search(workspace, name, monitorName, "evaluation", size);
            ArrayNode filter = (ArrayNode) search.path("query").path("bool").path("filter");
            if (measure != null) {
                filter.addObject().putObject("term").put("measure", measure);
            }
            if (from != null || to != null) {
                ObjectNode range = filter.addObject().putObject("range").putObject("at").put("format", "epoch_millis");
                if (from != null) {
                    range.put("gte", from.toEpochMilli());
                }
                if (to != null) {
                    range.put("lt", to.toEpochMilli());
                }
            }
            search.putObject("_source").putArray("excludes").add("result");
            return hits(search).map(hits -> {
                List<MonitorViews.Point> points = new ArrayList<>();
                hits.forEach(hit -> points.add(point(hit.path("_source"))));
                java.util.Collections.reverse(points);
                return new MonitorViews.Series(points);
            });
        });
    }

    /** The monitor's alerts, newest first, with what became of their deliveries. */
    public Uni<MonitorViews.Alerts> alerts(String workspace, String name, Task task, String monitorName, int size) {
        if (size < 1 || size > MAX_ALERTS) {
            throw ApiException.badRequest("size", "must be from 1 to " + MAX_ALERTS);
        }
        return monitor(workspace, name, task, monitorName).chain(monitor -> {
            ObjectNode search = search(workspace, name, monitorName, "alert", size);
            search.putObject("_source").putArray("excludes").add("result");
            return hits(search).map(hits -> {
                List<MonitorViews.Alert> alerts = new ArrayList<>();
                hits.forEach(hit -> {
                    JsonNode alert = hit.path("_source");
                    alerts.add(new MonitorViews.Alert(alert.path("alert").path("event_id").asText(),
                            alert.path("alert").path("type").asText(), Instant.parse(alert.path("at").asText()),
                            alert.path("measure").asText(), alert.path("statistic").asText(),
                            alert.hasNonNull("value") ? alert.path("value").asDouble() : null,
                            alert.path("threshold").asDouble(), alert.path("published").asBoolean(),
                            delivery(alert.path("webhook"))));
                });
                return new MonitorViews.Alerts(alerts);
            });
        });
    }

    /** A monitor not saved, evaluated now: nothing is kept and no alert is raised. */
    public Uni<Evaluation> preview(String workspace, String name, Task task, MonitorRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "give a monitor: reference, window, measures");
        }
        Monitor monitor = request.named("preview");
        var violations = monitor.violations(true);
        ApiException.requireNone(violations);
        Monitor complete = monitor.writtenBy(null, null, Instant.now());
        return dataset(workspace, name, task).chain(dataset -> evaluator.evaluate(records.name(workspace, name),
                        complete, Instant.now()))
                .onFailure(ElasticsearchException::refusedQuery)
                .transform(refused -> ApiException.badRequest("query", "Elasticsearch cannot read this query: "
                        + ((ElasticsearchException) refused).reason()));
    }

    private Uni<Dataset> dataset(String workspace, String name, Task task) {
        return datasets.require(workspace, name).map(dataset -> dataset.requireTask(task));
    }

    private Uni<Monitor> monitor(String workspace, String name, Task task, String monitorName) {
        return dataset(workspace, name, task).map(dataset -> dataset.monitors().stream()
                .filter(monitor -> monitor.name().equals(monitorName)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Monitor '" + monitorName + "' not found in dataset '"
                        + name + "'")));
    }

    /**
     * Where each monitor stands (one of them when {@code only} is given): its state document and, per measure, the
     * latest evaluation document, in one search.
     */
    private Uni<Map<String, MonitorViews.Status>> statuses(String workspace, String name, String only) {
        ObjectNode search = search(workspace, name, only, null, 100);
        ((ArrayNode) search.path("query").path("bool").path("filter")).addObject().putObject("term")
                .put("type", "state");
        search.putObject("_source").putArray("excludes").add("result");
        ObjectNode latest = json.createObjectNode();
        ObjectNode perMonitor = latest.putObject("monitors");
        perMonitor.putObject("terms").put("field", "monitor").put("size", Monitor.PER_DATASET);
        ObjectNode perMeasure = perMonitor.putObject("aggs").putObject("measures");
        perMeasure.putObject("terms").put("field", "measure").put("size", Monitor.MEASURES);
        ObjectNode top = perMeasure.putObject("aggs").putObject("last").putObject("top_hits");
        top.put("size", 1);
        top.putArray("sort").addObject().put("at", "desc");
        top.putObject("_source").putArray("excludes").add("result");
        ObjectNode evaluations = search(workspace, name, only, "evaluation", 0);
        evaluations.set("aggs", latest);
        return Uni.combine().all().unis(hits(search), answer(evaluations)).asTuple().map(both -> {
            Map<String, MonitorViews.Status> statuses = new HashMap<>();
            Map<String, List<MonitorViews.Point>> points = new HashMap<>();
            both.getItem2().path("aggregations").path("monitors").path("buckets").forEach(monitor -> {
                List<MonitorViews.Point> measures = new ArrayList<>();
                monitor.path("measures").path("buckets").forEach(measure -> measures.add(
                        point(measure.path("last").path("hits").path("hits").path(0).path("_source"))));
                measures.sort(Comparator.comparing(MonitorViews.Point::measure));
                points.put(monitor.path("key").asText(), measures);
            });
            for (JsonNode hit : both.getItem1()) {
                JsonNode state = hit.path("_source");
                List<String> alerting = new ArrayList<>();
                state.path("alerting").forEach(measure -> alerting.add(measure.asText()));
                String monitor = state.path("monitor").asText();
                statuses.put(monitor, new MonitorViews.Status(Instant.parse(state.path("at").asText()), alerting,
                        points.getOrDefault(monitor, List.of()), text(state, "error")));
            }
            return statuses;
        });
    }

    private static MonitorViews.Status emptyStatus() {
        return new MonitorViews.Status(null, List.of(), List.of(), null);
    }

    /** The monitor's last evaluation, rebuilt from its documents (one per measure). */
    private Uni<Optional<Evaluation>> lastEvaluation(String workspace, String name, String monitorName) {
        ObjectNode search = search(workspace, name, monitorName, "evaluation", 1);
        return hits(search).chain(hits -> {
            if (!hits.elements().hasNext()) {
                return Uni.createFrom().item(Optional.<Evaluation>empty());
            }
            String evaluationId = hits.path(0).path("_source").path("evaluation_id").asText();
            ObjectNode all = search(workspace, name, monitorName, "evaluation", Monitor.MEASURES);
            ((ArrayNode) all.path("query").path("bool").path("filter")).addObject().putObject("term")
                    .put("evaluation_id", evaluationId);
            return hits(all).map(measures -> {
                List<MeasureResult> results = new ArrayList<>();
                JsonNode first = measures.path(0).path("_source");
                measures.forEach(hit -> results.add(read(hit.path("_source").path("result").path("measure"),
                        MeasureResult.class)));
                return Optional.of(new Evaluation(evaluationId, monitorName, Instant.parse(first.path("at").asText()),
                        read(first.path("result").path("reference"), WindowSpan.class),
                        read(first.path("result").path("live"), WindowSpan.class), results));
            });
        });
    }

    /** A search of the drift index for one dataset's documents of {@code type} (any when null), newest first. */
    private ObjectNode search(String workspace, String name, String monitor, String type, int size) {
        ObjectNode search = json.createObjectNode();
        search.put("size", size);
        search.putArray("sort").addObject().put("at", "desc");
        ArrayNode filter = search.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("workspace", workspace);
        filter.addObject().putObject("term").put("dataset", name);
        if (monitor != null) {
            filter.addObject().putObject("term").put("monitor", monitor);
        }
        if (type != null) {
            filter.addObject().putObject("term").put("type", type);
        }
        return search;
    }

    private Uni<JsonNode> answer(ObjectNode search) {
        return elasticsearch.send("POST", "/" + layout.driftIndex() + "/_search", search)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(json.createObjectNode());
    }

    private Uni<JsonNode> hits(ObjectNode search) {
        return answer(search).map(answer -> answer.path("hits").path("hits"));
    }

    private static MonitorViews.Delivery delivery(JsonNode webhook) {
        return new MonitorViews.Delivery(text(webhook, "state"), text(webhook, "url"),
                webhook.hasNonNull("attempts") ? webhook.path("attempts").asInt() : null, text(webhook, "next_at"),
                webhook.hasNonNull("last_status") ? webhook.path("last_status").asInt() : null,
                text(webhook, "last_error"), text(webhook, "delivered_at"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static MonitorViews.Point point(JsonNode source) {
        return new MonitorViews.Point(Instant.parse(source.path("at").asText()), source.path("measure").asText(),
                source.path("statistic").asText(), source.hasNonNull("value") ? source.path("value").asDouble() : null,
                source.path("threshold").asDouble(), source.path("reading").asText(),
                source.path("reference_count").asLong(), source.path("live_count").asLong());
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable drift document: " + e.getOriginalMessage(), e);
        }
    }
}

package io.rubrix.query.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.HistoryIndex;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.query.search.TermsCounts;
import io.smallrye.mutiny.Uni;

/** Monitoring series over {@code event_timestamp}: a date_histogram with the prediction metrics in each bucket. */
@ApplicationScoped
public class SeriesService {

    /** {@code [from, to)} of event_timestamp. */
    private record TimeRange(Instant from, Instant to) {
    }

    /** Elasticsearch caps a search at 65,536 buckets; with the sub-aggregations, 1,000 time buckets stay well below. */
    public static final int MAX_BUCKETS = 1000;
    static final int TOP_VALUES = 50;

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final HistoryIndex history;
    private final ObjectMapper json;

    public SeriesService(DatasetStore datasets, RecordsIndex records, HistoryIndex history, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.history = history;
        this.json = json;
    }

    public Uni<Series> series(String workspace, String name, Task task, SeriesRequest request) {
        if (request == null) {
            throw ApiException.badRequest("interval", "is required, e.g. 5m, 1h, 1d or month");
        }
        Interval interval = Interval.parse(request.interval());
        RecordQuery query = request.queryOrAll().requireValid();
        Instant from = request.fromInstant();
        Instant to = request.toInstant();
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("from", "must be before to");
        }
        String index = records.name(workspace, name);
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .chain(dataset -> bounds(index, task, query, from, to).chain(range -> {
                    if (range == null) {
                        return Uni.createFrom().item(new Series(interval.text(), from, to, List.of()));
                    }
                    requireFewBuckets(interval, range.from(), range.to());
                    Uni<JsonNode> predictions = records.search(index, body(task, query, interval, range));
                    Uni<Map<Long, JsonNode>> labelling = labelling(workspace, name, dataset.createdAt(), interval, range);
                    return Uni.combine().all().unis(predictions, labelling).asTuple().map(both ->
                            new Series(interval.text(), range.from(), range.to(), buckets(both.getItem1(), both.getItem2())));
                }))
                .onFailure(ElasticsearchException::notFound)
                .recoverWithItem(() -> new Series(interval.text(), from, to, List.of()));
    }

    /** {@code [from, to)} as asked, completed with the data's first and last event_timestamp; null without data. */
    private Uni<TimeRange> bounds(String index, Task task, RecordQuery query, Instant from, Instant to) {
        if (from != null && to != null) {
            return Uni.createFrom().item(new TimeRange(from, to));
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        body.set("query", query.toElasticsearch(task, json));
        body.putObject("aggs").putObject("range").putObject("stats").put("field", "event_timestamp");
        return records.search(index, body).map(answer -> {
            JsonNode stats = answer.path("aggregations").path("range");
            if (stats.path("count").asLong() == 0) {
                return null;
            }
            Instant first = Instant.ofEpochMilli(stats.path("min").asLong());
            Instant last = Instant.ofEpochMilli(stats.path("max").asLong()).plusMillis(1);
            return new TimeRange(from != null ? from : first, to != null ? to : last);
        });
    }

    private static void requireFewBuckets(Interval interval, Instant from, Instant to) {
        long buckets = Duration.between(from, to).toMillis() / Math.max(1, interval.approximateLength().toMillis()) + 1;
        if (buckets > MAX_BUCKETS) {
            throw ApiException.badRequest("interval", interval.text() + " makes about " + buckets + " buckets from "
                    + from + " to " + to + "; at most " + MAX_BUCKETS + ": choose a wider interval or a shorter range");
        }
    }

    private ObjectNode body(Task task, RecordQuery query, Interval interval, TimeRange range) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("must").add(query.toElasticsearch(task, json));
        bool.putArray("filter").addObject().putObject("range").putObject("event_timestamp")
                .put("gte", range.from().toEpochMilli()).put("lt", range.to().toEpochMilli()).put("format", "epoch_millis");
        ObjectNode histogram = body.putObject("aggs").putObject("series");
        ObjectNode dates = histogram.putObject("date_histogram");
        dates.put("field", "event_timestamp").put("min_doc_count", 0);
        interval.applyTo(dates);
        dates.putObject("extended_bounds").put("min", range.from().toEpochMilli()).put("max", range.to().toEpochMilli() - 1);
        ObjectNode aggs = histogram.putObject("aggs");
        aggs.putObject("predicted_as").putObject("terms").put("field", "predicted_as").put("size", TOP_VALUES);
        aggs.putObject("predicted_by").putObject("terms").put("field", "predicted_by").put("size", TOP_VALUES);
        aggs.putObject("confidence").putObject("avg").put("field", "score");
        ArrayNode percents = aggs.putObject("percentiles").putObject("percentiles").put("field", "score").putArray("percents");
        percents.add(50).add(90).add(99);
        aggs.putObject("predicted").putObject("terms").put("field", "predicted").put("size", 2);
        aggs.putObject("annotated").putObject("filter").putObject("exists").put("field", "annotated_by");
        return body;
    }

    /**
     * Human actions per bucket of their time ({@code at} in the history index), by bucket start: the same interval
     * and bounds as the predictions, so the keys line up. Only actions that change a record (labelling; not the
     * comments the history also holds), and only since the dataset was {@code created}: the history of a deleted
     * dataset of the same name stays in the index, append-only.
     */
    private Uni<Map<Long, JsonNode>> labelling(String workspace, String name, Instant created, Interval interval,
            TimeRange range) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("workspace", workspace);
        filter.addObject().putObject("term").put("dataset", name);
        filter.addObject().putObject("terms").set("action", json.valueToTree(AnnotationEvent.Action.decisions()));
        long since = created == null ? range.from().toEpochMilli() : Math.max(range.from().toEpochMilli(), created.toEpochMilli());
        filter.addObject().putObject("range").putObject("at")
                .put("gte", since).put("lt", range.to().toEpochMilli()).put("format", "epoch_millis");
        ObjectNode histogram = body.putObject("aggs").putObject("series");
        ObjectNode dates = histogram.putObject("date_histogram");
        dates.put("field", "at").put("min_doc_count", 1);
        interval.applyTo(dates);
        histogram.putObject("aggs").putObject("agents").putObject("terms").put("field", "agent").put("size", TOP_VALUES);
        return history.search(body).map(answer -> {
            Map<Long, JsonNode> byTime = new java.util.HashMap<>();
            answer.path("aggregations").path("series").path("buckets")
                    .forEach(bucket -> byTime.put(bucket.path("key").asLong(), bucket));
            return byTime;
        });
    }

    private List<Series.Bucket> buckets(JsonNode answer, Map<Long, JsonNode> labelling) {
        List<Series.Bucket> buckets = new ArrayList<>();
        for (JsonNode bucket : answer.path("aggregations").path("series").path("buckets")) {
            Map<String, Long> outcome = TermsCounts.of(bucket.path("predicted"));
            long ok = outcome.getOrDefault("ok", 0L);
            long ko = outcome.getOrDefault("ko", 0L);
            JsonNode mean = bucket.path("confidence").path("value");
            JsonNode percentiles = bucket.path("percentiles").path("values");
            Series.Confidence confidence = mean.isNumber()
                    ? new Series.Confidence(round(mean.asDouble()), round(percentiles.path("50.0").asDouble()),
                            round(percentiles.path("90.0").asDouble()), round(percentiles.path("99.0").asDouble()))
                    : null;
            JsonNode labelled = labelling.getOrDefault(bucket.path("key").asLong(), json.createObjectNode());
            buckets.add(new Series.Bucket(Instant.ofEpochMilli(bucket.path("key").asLong()),
                    bucket.path("doc_count").asLong(), TermsCounts.of(bucket.path("predicted_as")),
                    TermsCounts.of(bucket.path("predicted_by")), confidence, ok, ko,
                    ok + ko == 0 ? null : round((double) ok / (ok + ko)), bucket.path("annotated").path("doc_count").asLong(),
                    labelled.path("doc_count").asLong(), TermsCounts.of(labelled.path("agents"))));
        }
        return buckets;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

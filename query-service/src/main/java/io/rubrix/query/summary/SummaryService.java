package io.rubrix.query.summary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.query.search.TermsCounts;
import io.rubrix.query.summary.DatasetSummary.LabelQuality;
import io.rubrix.query.summary.DatasetSummary.ModelQuality;
import io.smallrye.mutiny.Uni;

/**
 * One aggregation request: status counts, annotated labels, and a predicted-by-annotated label matrix over the
 * records that have both, from which precision, recall and F1 per label follow (record level: a record
 * counts once per label it carries).
 */
@ApplicationScoped
public class SummaryService {

    static final int LABELS = 1000;

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final ObjectMapper json;

    public SummaryService(DatasetStore datasets, RecordsIndex records, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.json = json;
    }

    public Uni<DatasetSummary> summarize(String workspace, String name, Task task, SummaryRequest request) {
        RecordQuery query = (request == null ? RecordQuery.all() : request.queryOrAll()).requireValid();
        String index = records.name(workspace, name);
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .chain(() -> records.search(index, body(query, task)))
                .map(this::summary)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(() -> summary(json.createObjectNode()));
    }

    private ObjectNode body(RecordQuery query, Task task) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0).put("track_total_hits", true);
        body.set("query", query.toElasticsearch(task, json));
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("status").putObject("terms").put("field", "status").put("size", RecordStatus.values().length);
        terms(aggs, "annotated_as");
        ObjectNode quality = aggs.putObject("quality");
        quality.putObject("filter").putObject("exists").put("field", "predicted");
        ObjectNode qualityAggs = quality.putObject("aggs");
        qualityAggs.putObject("predicted").putObject("terms").put("field", "predicted").put("size", 2);
        terms(qualityAggs, "annotated_as");
        terms(qualityAggs, "predicted_as").putObject("aggs").putObject("annotated_as").putObject("terms")
                .put("field", "annotated_as").put("size", LABELS);
        return body;
    }

    private static ObjectNode terms(ObjectNode aggs, String field) {
        ObjectNode agg = aggs.putObject(field);
        agg.putObject("terms").put("field", field).put("size", LABELS);
        return agg;
    }

    private DatasetSummary summary(JsonNode answer) {
        JsonNode aggregations = answer.path("aggregations");
        Map<String, Long> status = new LinkedHashMap<>();
        for (RecordStatus value : RecordStatus.values()) {
            status.put(value.name(), 0L);
        }
        status.putAll(TermsCounts.of(aggregations.path("status")));
        JsonNode quality = aggregations.path("quality");
        Map<String, Long> outcome = TermsCounts.of(quality.path("predicted"));
        Map<String, Long> predicted = TermsCounts.of(quality.path("predicted_as"));
        Map<String, Long> annotated = TermsCounts.of(quality.path("annotated_as"));
        Map<String, Long> correct = new TreeMap<>();
        for (JsonNode bucket : quality.path("predicted_as").path("buckets")) {
            String label = bucket.path("key").asText();
            correct.put(label, TermsCounts.of(bucket.path("annotated_as")).getOrDefault(label, 0L));
        }
        Map<String, LabelQuality> labels = new LinkedHashMap<>();
        TreeSet<String> seen = new TreeSet<>(predicted.keySet());
        seen.addAll(annotated.keySet());
        for (String label : seen) {
            labels.put(label, LabelQuality.of(correct.getOrDefault(label, 0L), predicted.getOrDefault(label, 0L),
                    annotated.getOrDefault(label, 0L)));
        }
        double macroF1 = labels.values().stream().mapToDouble(LabelQuality::f1).average().orElse(0);
        return new DatasetSummary(answer.path("hits").path("total").path("value").asLong(), status,
                TermsCounts.of(aggregations.path("annotated_as")),
                new ModelQuality(outcome.getOrDefault("ok", 0L), outcome.getOrDefault("ko", 0L),
                        DatasetSummary.round(macroF1), labels));
    }
}

package io.rubrix.common.monitor;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.monitor.MeasureKind;
import io.rubrix.model.monitor.WindowSpan;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.query.RecordQuery;
import io.smallrye.mutiny.Uni;

/**
 * Evaluates a monitor (ADR 0014) with aggregations only: one search for the reference's quantile bins when a numeric
 * measure needs them, then one search with both windows as {@code filter} aggregations and each measure's histogram
 * under both. No record is read.
 */
@ApplicationScoped
public class DriftEvaluator {

    private final RecordsIndex records;
    private final ObjectMapper json;

    public DriftEvaluator(RecordsIndex records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    /** The monitor's windows compared at {@code at}; a dataset without records has empty windows. */
    public Uni<Evaluation> evaluate(String index, Monitor monitor, Instant at) {
        DriftWindows windows = DriftWindows.of(monitor, at);
        List<Measure> measures = monitor.measures().stream().map(Measure::completed).toList();
        return quantileBins(index, monitor, measures, windows)
                .chain(bins -> {
                    ObjectNode body = body(monitor, measures, windows, bins);
                    return records.search(index, body).map(answer -> {
                        JsonNode aggregations = answer.path("aggregations");
                        MeasureReader reader = new MeasureReader(monitor.leastRecords(), aggregations.path("reference"),
                                aggregations.path("live"));
                        return new Evaluation("ev-" + UUID.randomUUID(), monitor.name(), at,
                                new WindowSpan(windows.referenceFrom(), windows.referenceTo(),
                                        reader.referenceCount()),
                                new WindowSpan(windows.liveFrom(), windows.liveTo(), reader.liveCount()),
                                reader.results(measures, bins));
                    });
                })
                .onFailure(ElasticsearchException::notFound)
                .recoverWithItem(() -> new Evaluation("ev-" + UUID.randomUUID(), monitor.name(), at,
                        new WindowSpan(windows.referenceFrom(), windows.referenceTo(), 0),
                        new WindowSpan(windows.liveFrom(), windows.liveTo(), 0),
                        new MeasureReader(monitor.leastRecords(), json.createObjectNode(), json.createObjectNode())
                                .results(measures, Map.of())));
    }

    /**
     * The bins of each numeric measure, by index in {@code measures}: fixed for confidence, otherwise the quantiles of
     * both windows pooled.
     */
    private Uni<Map<Integer, NumericBins>> quantileBins(String index, Monitor monitor, List<Measure> measures,
            DriftWindows windows) {
        Map<Integer, NumericBins> bins = new HashMap<>();
        ObjectNode percentiles = json.createObjectNode();
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            if (measure.kind() == MeasureKind.confidence) {
                bins.put(i, NumericBins.CONFIDENCE);
            } else if (!measure.categorical() && !measure.performance()) {
                ObjectNode aggregation = percentiles.putObject("q" + i).putObject("percentiles");
                aggregation.put("field", measure.indexField());
                aggregation.set("percents", json.valueToTree(NumericBins.PERCENTS));
            }
        }
        if (percentiles.isEmpty()) {
            return Uni.createFrom().item(bins);
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        ObjectNode query = body.putObject("query").putObject("bool");
        query.putArray("must").add(base(monitor));
        ObjectNode either = query.putArray("filter").addObject().putObject("bool");
        either.putArray("should").add(windows.referenceFilter(json)).add(windows.liveFilter(json));
        either.put("minimum_should_match", 1);
        body.set("aggs", percentiles);
        return records.search(index, body).map(answer -> {
            percentiles.fieldNames().forEachRemaining(name -> bins.put(Integer.parseInt(name.substring(1)),
                    NumericBins.ofPercentiles(answer.path("aggregations").path(name))));
            return bins;
        });
    }

    private ObjectNode body(Monitor monitor, List<Measure> measures, DriftWindows windows,
            Map<Integer, NumericBins> bins) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        body.set("query", base(monitor));
        ObjectNode aggs = body.putObject("aggs");
        ObjectNode perWindow = MeasureReader.aggregations(json, measures, bins);
        ObjectNode reference = aggs.putObject("reference");
        reference.set("filter", windows.referenceFilter(json));
        reference.set("aggs", perWindow);
        ObjectNode live = aggs.putObject("live");
        live.set("filter", windows.liveFilter(json));
        live.set("aggs", perWindow.deepCopy());
        return body;
    }

    /** What both windows are narrowed to: the monitor's query, or every record. */
    private ObjectNode base(Monitor monitor) {
        if (monitor.query() == null || monitor.query().isBlank()) {
            ObjectNode all = json.createObjectNode();
            all.putObject("match_all");
            return all;
        }
        return RecordQuery.textQuery(json, monitor.query());
    }
}

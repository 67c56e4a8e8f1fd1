package io.rubrix.common.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.monitor.MeasureKind;
import io.rubrix.model.monitor.Bin;
import io.rubrix.model.monitor.Distribution;
import io.rubrix.model.monitor.DriftStatistics;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.MeasureResult;

/**
 * The aggregations each window carries (one per measure, named by its place: {@code c<i>} categories, {@code h<i>} and
 * {@code x<i>} a numeric histogram and its spread, {@code annotated} the figures of accuracy and F1), and the
 * measures' results read back from both windows.
 */
final class MeasureReader {

    /** Categories counted per window: more are folded into one {@code (other)} bin. */
    static final int CATEGORIES = 200;
    static final String OTHER = "(other)";

    private final int leastRecords;
    private final JsonNode reference;
    private final JsonNode live;

    MeasureReader(int leastRecords, JsonNode reference, JsonNode live) {
        this.leastRecords = leastRecords;
        this.reference = reference;
        this.live = live;
    }

    static ObjectNode aggregations(ObjectMapper json, List<Measure> measures, Map<Integer, NumericBins> bins) {
        ObjectNode aggs = json.createObjectNode();
        boolean performance = false;
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            if (measure.performance()) {
                performance = true;
            } else if (measure.categorical()) {
                aggs.putObject("c" + i).putObject("terms").put("field", measure.indexField()).put("size", CATEGORIES);
            } else if (!bins.getOrDefault(i, new NumericBins(new double[0])).empty()) {
                aggs.set("h" + i, bins.get(i).aggregation(json, measure.indexField()));
                aggs.putObject("x" + i).putObject("extended_stats").put("field", measure.indexField());
            }
        }
        if (performance) {
            ObjectNode annotated = aggs.putObject("annotated");
            annotated.putObject("filter").putObject("exists").put("field", "annotated_by");
            ObjectNode figures = annotated.putObject("aggs");
            figures.putObject("predicted").putObject("terms").put("field", "predicted").put("size", 2);
            figures.putObject("predicted_as").putObject("terms").put("field", "predicted_as").put("size", CATEGORIES);
            ObjectNode annotatedAs = figures.putObject("annotated_as");
            annotatedAs.putObject("terms").put("field", "annotated_as").put("size", CATEGORIES);
            annotatedAs.putObject("aggs").putObject("predicted_as").putObject("terms").put("field", "predicted_as")
                    .put("size", CATEGORIES);
        }
        return aggs;
    }

    long referenceCount() {
        return reference.path("doc_count").asLong();
    }

    long liveCount() {
        return live.path("doc_count").asLong();
    }

    List<MeasureResult> results(List<Measure> measures, Map<Integer, NumericBins> bins) {
        List<MeasureResult> results = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            if (measure.performance()) {
                results.add(performance(measure));
            } else if (measure.categorical()) {
                results.add(categorical(measure, "c" + i));
            } else {
                results.add(numeric(measure, i, bins.get(i)));
            }
        }
        return results;
    }

    private MeasureResult categorical(Measure measure, String name) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        collect(counts, reference.path(name), 0);
        collect(counts, live.path(name), 1);
        long otherReference = reference.path(name).path("sum_other_doc_count").asLong();
        long otherLive = live.path(name).path("sum_other_doc_count").asLong();
        if (otherReference + otherLive > 0) {
            counts.put(OTHER, new long[] {otherReference, otherLive});
        }
        List<Bin> referenceBins = new ArrayList<>();
        List<Bin> liveBins = new ArrayList<>();
        counts.forEach((key, both) -> {
            referenceBins.add(Bin.category(key, both[0]));
            liveBins.add(Bin.category(key, both[1]));
        });
        return judged(measure, referenceCount(), liveCount(), null, null, referenceBins, liveBins, null);
    }

    private static void collect(Map<String, long[]> counts, JsonNode terms, int window) {
        terms.path("buckets").forEach(bucket -> counts.computeIfAbsent(bucket.path("key_as_string")
                .asText(bucket.path("key").asText()), key -> new long[2])[window] = bucket.path("doc_count").asLong());
    }

    private MeasureResult numeric(Measure measure, int i, NumericBins bins) {
        if (bins == null || bins.empty()) {
            return judged(measure, referenceCount(), liveCount(), null, null, List.of(), List.of(), null);
        }
        JsonNode referenceSpread = reference.path("x" + i);
        JsonNode liveSpread = live.path("x" + i);
        double low = Math.min(minimum(referenceSpread), minimum(liveSpread));
        double high = Math.max(maximum(referenceSpread), maximum(liveSpread));
        List<Bin> referenceBins = bins.histogram(reference.path("h" + i), low, high);
        List<Bin> liveBins = bins.histogram(live.path("h" + i), low, high);
        double scale = referenceSpread.path("std_deviation").asDouble(0);
        return judged(measure, referenceSpread.path("count").asLong(), liveSpread.path("count").asLong(), null, null,
                referenceBins, liveBins, scale);
    }

    private static double minimum(JsonNode stats) {
        return stats.path("min").isNumber() ? stats.path("min").asDouble() : Double.POSITIVE_INFINITY;
    }

    private static double maximum(JsonNode stats) {
        return stats.path("max").isNumber() ? stats.path("max").asDouble() : Double.NEGATIVE_INFINITY;
    }

    private MeasureResult performance(Measure measure) {
        JsonNode referenceFigures = reference.path("annotated");
        JsonNode liveFigures = live.path("annotated");
        if (measure.kind() == MeasureKind.accuracy) {
            long[] referenceOutcomes = outcomes(referenceFigures);
            long[] liveOutcomes = outcomes(liveFigures);
            return judged(measure, referenceOutcomes[0] + referenceOutcomes[1], liveOutcomes[0] + liveOutcomes[1],
                    share(referenceOutcomes), share(liveOutcomes),
                    List.of(Bin.category("ok", referenceOutcomes[0]), Bin.category("ko", referenceOutcomes[1])),
                    List.of(Bin.category("ok", liveOutcomes[0]), Bin.category("ko", liveOutcomes[1])), null);
        }
        TreeSet<String> labels = new TreeSet<>();
        labelsOf(referenceFigures, labels);
        labelsOf(liveFigures, labels);
        List<Bin> referenceBins = labels.stream().map(label -> Bin.category(label, annotatedAs(referenceFigures, label)))
                .toList();
        List<Bin> liveBins = labels.stream().map(label -> Bin.category(label, annotatedAs(liveFigures, label))).toList();
        return judged(measure, referenceFigures.path("doc_count").asLong(), liveFigures.path("doc_count").asLong(),
                macroF1(referenceFigures, labels), macroF1(liveFigures, labels), referenceBins, liveBins, null);
    }

    private static long[] outcomes(JsonNode figures) {
        long[] outcomes = new long[2];
        figures.path("predicted").path("buckets").forEach(bucket -> {
            if ("ok".equals(bucket.path("key").asText())) {
                outcomes[0] = bucket.path("doc_count").asLong();
            } else if ("ko".equals(bucket.path("key").asText())) {
                outcomes[1] = bucket.path("doc_count").asLong();
            }
        });
        return outcomes;
    }

    private static Double share(long[] outcomes) {
        long total = outcomes[0] + outcomes[1];
        return total == 0 ? null : (double) outcomes[0] / total;
    }

    private static void labelsOf(JsonNode figures, TreeSet<String> labels) {
        figures.path("annotated_as").path("buckets").forEach(bucket -> labels.add(bucket.path("key").asText()));
        figures.path("predicted_as").path("buckets").forEach(bucket -> labels.add(bucket.path("key").asText()));
    }

    private static long annotatedAs(JsonNode figures, String label) {
        return count(figures.path("annotated_as"), label);
    }

    /**
     * The mean over labels of F1 = 2 TP / (predicted + annotated), counting among annotated records: a record
     * predicted and annotated with a label is a true positive of it (multi-label records count for each label).
     */
    static Double macroF1(JsonNode figures, TreeSet<String> labels) {
        if (figures.path("doc_count").asLong() == 0 || labels.isEmpty()) {
            return null;
        }
        double sum = 0;
        int counted = 0;
        for (String label : labels) {
            long predicted = count(figures.path("predicted_as"), label);
            long annotated = count(figures.path("annotated_as"), label);
            if (predicted + annotated == 0) {
                continue;
            }
            long truePositives = 0;
            for (JsonNode bucket : figures.path("annotated_as").path("buckets")) {
                if (label.equals(bucket.path("key").asText())) {
                    truePositives = count(bucket.path("predicted_as"), label);
                }
            }
            sum += 2.0 * truePositives / (predicted + annotated);
            counted++;
        }
        return counted == 0 ? null : sum / counted;
    }

    private static long count(JsonNode terms, String key) {
        for (JsonNode bucket : terms.path("buckets")) {
            if (key.equals(bucket.path("key").asText())) {
                return bucket.path("doc_count").asLong();
            }
        }
        return 0;
    }

    /**
     * The measure's result: not judged below {@code min_records} in either window, else the statistic between the
     * histograms (or, for accuracy and F1, the reference's figure minus the live one's).
     */
    private MeasureResult judged(Measure measure, long referenceRecords, long liveRecords, Double referenceFigure,
            Double liveFigure, List<Bin> referenceBins, List<Bin> liveBins, Double scale) {
        Distribution referenceWindow = new Distribution(referenceRecords, referenceFigure, referenceBins);
        Distribution liveWindow = new Distribution(liveRecords, liveFigure, liveBins);
        Double value = null;
        boolean enough = referenceRecords >= leastRecords && liveRecords >= leastRecords;
        if (enough && measure.performance()) {
            value = referenceFigure == null || liveFigure == null ? null : referenceFigure - liveFigure;
        } else if (enough && !referenceBins.isEmpty() && total(referenceBins) > 0 && total(liveBins) > 0) {
            long[] before = referenceWindow.counts();
            long[] now = liveWindow.counts();
            value = switch (measure.statistic()) {
                case psi -> DriftStatistics.psi(before, now);
                case jensen_shannon -> DriftStatistics.jensenShannon(before, now);
                case ks -> DriftStatistics.ks(before, now);
                case wasserstein -> DriftStatistics.wasserstein(NumericBins.points(referenceBins), before,
                        NumericBins.points(liveBins), now, scale == null ? 0 : scale);
                case drop -> null;
            };
        }
        return new MeasureResult(measure.id(), measure.kind(), measure.statistic(), measure.threshold(), value,
                MeasureResult.read(value, measure.threshold()), referenceWindow, liveWindow);
    }

    private static long total(List<Bin> bins) {
        return bins.stream().mapToLong(Bin::count).sum();
    }
}

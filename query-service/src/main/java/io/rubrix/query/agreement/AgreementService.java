package io.rubrix.query.agreement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.HistoryIndex;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.agreement.AgreementFigures;
import io.rubrix.model.agreement.AgreementKeys;
import io.rubrix.model.agreement.CohensKappa;
import io.rubrix.model.agreement.ValuePair;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.query.search.TermsCounts;
import io.smallrye.mutiny.Uni;

/**
 * Agreement from aggregations only (ADR 0012): the records hold their share of the figures as keywords, so one search
 * counts them over any number of records, and the figures are computed here from the counts. Progress per person
 * comes from the same search, and their last hour from the history.
 */
@ApplicationScoped
public class AgreementService {

    /** Distinct keywords counted per figure: two of them stay under Elasticsearch's 65,536 buckets a search. */
    static final int KEYWORDS = 25_000;
    static final int PEOPLE = 1_000;
    /** Elasticsearch's cardinality is exact below its precision threshold: more records than a person answers in an hour. */
    static final int RECORDS_COUNTED_EXACTLY = 10_000;

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final HistoryIndex history;
    private final ObjectMapper json;

    public AgreementService(DatasetStore datasets, RecordsIndex records, HistoryIndex history, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.history = history;
        this.json = json;
    }

    public Uni<Agreement> of(String workspace, String name, Task task, RecordQuery requested) {
        RecordQuery query = (requested == null ? RecordQuery.all() : requested).requireValid();
        return datasets.require(workspace, name)
                .invoke(dataset -> dataset.requireTask(task))
                .chain(dataset -> Uni.combine().all().unis(
                        records.searchCached(records.name(workspace, name), body(query, task)),
                        lastHour(dataset)).asTuple()
                        .map(both -> agreement(dataset, both.getItem1(), both.getItem2())));
    }

    private ObjectNode body(RecordQuery query, Task task) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0).put("track_total_hits", true);
        body.set("query", query.toElasticsearch(task, json));
        ObjectNode aggs = body.putObject("aggs");
        ObjectNode pairable = aggs.putObject("pairable");
        pairable.putObject("filter").putObject("range").putObject("team.submitted").put("gte", 2);
        ObjectNode inside = pairable.putObject("aggs");
        inside.putObject("values").putObject("sum").put("field", "team.submitted");
        inside.putObject("coincidences").putObject("terms").put("field", "team.coincidences").put("size", KEYWORDS);
        inside.putObject("pairs").putObject("terms").put("field", "team.pairs").put("size", KEYWORDS);
        for (String people : List.of("submitted_by", "answered_by", "responded_by")) {
            aggs.putObject(people).putObject("terms").put("field", "team." + people).put("size", PEOPLE);
        }
        aggs.putObject("answered").putObject("filter").putObject("range").putObject("team.answers").put("gte", 1);
        aggs.putObject("complete").putObject("filter").putObject("term").put("team.complete", true);
        aggs.putObject("needs_review").putObject("filter").putObject("term").put("team.needs_review", true);
        aggs.putObject("reviewed").putObject("filter").putObject("exists").put("field", "team.review.by");
        return body;
    }

    /**
     * Records each person answered (submitted or discarded; drafts are not answers) in the last hour, from the history
     * (only since the dataset was made: ADR 0004): distinct records, so an answer saved again (another tab's, a draft
     * then its submit) counts its record once.
     */
    private Uni<Map<String, Long>> lastHour(Dataset dataset) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("workspace", dataset.workspace());
        filter.addObject().putObject("term").put("dataset", dataset.name());
        filter.addObject().putObject("term").put("action", AnnotationEvent.Action.respond.name());
        filter.addObject().putObject("terms").putArray("after.status")
                .add(RecordStatus.Validated.name()).add(RecordStatus.Discarded.name());
        Instant hourAgo = Instant.now().minusSeconds(3600);
        Instant since = dataset.createdAt() != null && dataset.createdAt().isAfter(hourAgo) ? dataset.createdAt() : hourAgo;
        filter.addObject().putObject("range").putObject("at").put("gte", since.toEpochMilli()).put("format", "epoch_millis");
        ObjectNode people = body.putObject("aggs").putObject("people");
        people.putObject("terms").put("field", "agent").put("size", PEOPLE);
        people.putObject("aggs").putObject("records").putObject("cardinality").put("field", "record_id")
                .put("precision_threshold", RECORDS_COUNTED_EXACTLY);
        return history.search(body)
                .map(answer -> {
                    Map<String, Long> answered = new LinkedHashMap<>();
                    answer.path("aggregations").path("people").path("buckets").forEach(bucket -> answered.put(
                            bucket.path("key").asText(), bucket.path("records").path("value").asLong()));
                    return answered;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(Map.of());
    }

    private Agreement agreement(Dataset dataset, JsonNode answer, Map<String, Long> lastHour) {
        JsonNode aggs = answer.path("aggregations");
        JsonNode pairable = aggs.path("pairable");
        Map<String, Map<ValuePair, Double>> coincidences = AgreementKeys.sumCoincidences(
                TermsCounts.of(pairable.path("coincidences")));
        Agreement.Alpha alpha = alpha(dataset, coincidences, pairable.path("values").path("value").asDouble());
        List<Agreement.Kappa> kappas = new ArrayList<>();
        AgreementKeys.sumPairs(TermsCounts.of(pairable.path("pairs"))).entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ValuePair::first)
                        .thenComparing(ValuePair::second)))
                .forEach(pair -> {
                    Map<ValuePair, Long> confusion = pair.getValue();
                    long units = confusion.values().stream().mapToLong(Long::longValue).sum();
                    long agreeing = confusion.entrySet().stream().filter(cell -> cell.getKey().agrees())
                            .mapToLong(Map.Entry::getValue).sum();
                    kappas.add(new Agreement.Kappa(pair.getKey().first(), pair.getKey().second(),
                            value(CohensKappa.of(confusion)), units, agreeing));
                });
        Map<String, Long> submitted = TermsCounts.of(aggs.path("submitted_by"));
        Map<String, Long> answered = TermsCounts.of(aggs.path("answered_by"));
        Map<String, Long> responded = TermsCounts.of(aggs.path("responded_by"));
        TreeSet<String> people = new TreeSet<>(responded.keySet());
        people.addAll(lastHour.keySet());
        List<Agreement.Annotator> annotators = people.stream().map(user -> new Agreement.Annotator(user,
                submitted.getOrDefault(user, 0L),
                answered.getOrDefault(user, 0L) - submitted.getOrDefault(user, 0L),
                responded.getOrDefault(user, 0L) - answered.getOrDefault(user, 0L),
                lastHour.getOrDefault(user, 0L))).toList();
        Agreement.Records counts = new Agreement.Records(answer.path("hits").path("total").path("value").asLong(),
                aggs.path("answered").path("doc_count").asLong(), aggs.path("complete").path("doc_count").asLong(),
                pairable.path("doc_count").asLong(), aggs.path("needs_review").path("doc_count").asLong(),
                aggs.path("reviewed").path("doc_count").asLong());
        return new Agreement(counts, alpha, kappas, annotators);
    }

    private Agreement.Alpha alpha(Dataset dataset, Map<String, Map<ValuePair, Double>> coincidences,
            double pairableValues) {
        AgreementFigures.Alphas alphas;
        if (dataset.task() == Task.Text2Text) {
            return new Agreement.Alpha(null, Map.of());
        }
        if (coincidences.keySet().stream().anyMatch(scope -> !scope.isEmpty())) {
            alphas = AgreementFigures.ofLabels(coincidences, pairableValues); // multi-label: scoped by label
        } else {
            Function<String, String> labelOf = dataset.task() == Task.TokenClassification
                    ? AgreementFigures::labelOfTag : Function.identity();
            alphas = AgreementFigures.ofValues(coincidences.getOrDefault("", Map.of()), labelOf);
        }
        Map<String, Double> labels = new LinkedHashMap<>();
        alphas.labels().forEach((label, value) -> labels.put(label, value(value)));
        return new Agreement.Alpha(value(alphas.overall()), labels);
    }

    private static Double value(OptionalDouble figure) {
        return figure.isPresent() ? Math.round(figure.getAsDouble() * 10_000) / 10_000.0 : null;
    }
}

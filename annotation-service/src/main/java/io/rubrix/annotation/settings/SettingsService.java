package io.rubrix.annotation.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.team.TeamSettings;
import io.rubrix.model.validation.Violation;
import io.smallrye.mutiny.Uni;

/** A dataset's label schema and guidelines, kept in its descriptor. */
@ApplicationScoped
public class SettingsService {

    private final DatasetStore datasets;
    private final RecordsIndex records;
    /** A schema is a list a person picks from: more labels than this is not a schema (README, "Limits"). */
    private final int maxLabels;

    public SettingsService(DatasetStore datasets, RecordsIndex records,
            @ConfigProperty(name = "rubrix.limits.schema-labels", defaultValue = "1000") int maxLabels) {
        this.datasets = datasets;
        this.records = records;
        this.maxLabels = maxLabels;
    }

    /**
     * Sets the label schema to the labels already in the dataset's records (predicted or annotated, most frequent
     * first) and those the schema had; the guidelines stay.
     */
    public Uni<DatasetSettings> schemaFromRecords(String workspace, String name) {
        return datasets.require(workspace, name).chain(dataset -> {
            if (dataset.task() == Task.Text2Text) {
                throw ApiException.badRequest("task", "a Text2Text dataset has no label schema");
            }
            return labelsSeen(records.name(workspace, name)).chain(seen -> {
                Set<String> labels = new LinkedHashSet<>(dataset.labelSchema());
                labels.addAll(seen);
                String guidelines = dataset.settings() == null ? null : dataset.settings().guidelines();
                return replace(workspace, name, new DatasetSettings(new ArrayList<>(labels), guidelines));
            });
        });
    }

    private Uni<List<String>> labelsSeen(String index) {
        Map<String, Object> search = Map.of("size", 0, "aggs", Map.of(
                "predicted", Map.of("terms", Map.of("field", "predicted_as", "size", maxLabels)),
                "annotated", Map.of("terms", Map.of("field", "annotated_as", "size", maxLabels))));
        return records.search(index, search)
                .map(answer -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (String aggregation : List.of("annotated", "predicted")) {
                        answer.path("aggregations").path(aggregation).path("buckets").forEach(bucket ->
                                counts.merge(bucket.path("key").asText(), bucket.path("doc_count").asLong(), Long::sum));
                    }
                    return counts.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .map(Map.Entry::getKey).toList();
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(List.of());
    }

    /**
     * Sets how a team labels the dataset's records (ADR 0012); the schema and guidelines stay. Records already
     * answered are judged by the new settings at their next response or claim.
     */
    public Uni<TeamSettings> replaceTeam(String workspace, String name, TeamSettings team) {
        List<Violation> violations = team.violations();
        ApiException.requireNone(violations);
        Map<String, Object> stored = new HashMap<>();
        stored.put("min_submitted", team.minSubmitted());
        stored.put("resolution", team.resolution().name());
        stored.put("responses_visible_after_submit", team.responsesVisibleAfterSubmit());
        return datasets.require(workspace, name)
                .chain(dataset -> datasets.update(workspace, name, Map.of("settings", Map.of("team", stored))))
                .replaceWith(team);
    }

    /** Replaces the settings of the dataset {@code name} of {@code workspace} (404 when it has none such). */
    public Uni<DatasetSettings> replace(String workspace, String name, DatasetSettings settings) {
        List<Violation> violations = settings.violations(maxLabels);
        ApiException.requireNone(violations);
        Map<String, Object> stored = new HashMap<>();
        stored.put("labels", settings.labels());
        stored.put("guidelines", settings.guidelines());
        return datasets.require(workspace, name)
                .chain(dataset -> datasets.update(workspace, name, Map.of("settings", stored)))
                .replaceWith(settings);
    }
}

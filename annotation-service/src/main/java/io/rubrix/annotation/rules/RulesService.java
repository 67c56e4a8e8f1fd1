package io.rubrix.annotation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.validation.Violation;
import io.smallrye.mutiny.Uni;

/**
 * Writes labelling rules into the dataset's descriptor, one key per rule ({@code settings.rules.<name>}), so that two
 * people writing two rules at once both keep theirs. A rule is checked before it is kept: its labels against the
 * label schema, its query against the records (Elasticsearch must accept it).
 */
@ApplicationScoped
public class RulesService {

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final ObjectMapper json;

    public RulesService(DatasetStore datasets, RecordsIndex records, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.json = json;
    }

    /** A rule as written, and whether it is new. */
    public record Written(LabelingRule rule, boolean created) {
    }

    public Uni<Written> put(String workspace, String name, Task task, String ruleName, RuleRequest request,
            String author) {
        return labelled(workspace, name, task).chain(dataset -> {
            Optional<LabelingRule> existing = dataset.rules().stream()
                    .filter(rule -> rule.name().equals(ruleName)).findFirst();
            if (existing.isEmpty() && dataset.rules().size() >= LabelingRule.PER_DATASET) {
                throw ApiException.badRequest("rule", "the dataset has " + dataset.rules().size()
                        + " rules; a dataset has at most " + LabelingRule.PER_DATASET);
            }
            Instant now = Instant.now();
            LabelingRule rule = new LabelingRule(ruleName, request.query(), request.labels(), request.description(),
                    null, null, null)
                    .writtenBy(existing.map(LabelingRule::author).orElse(author),
                            existing.map(LabelingRule::createdAt).orElse(null), now);
            requireValid(rule, dataset);
            return records.requireReadable(records.name(workspace, name), RecordQuery.textQuery(json, rule.query()),
                            "query")
                    .chain(() -> datasets.update(workspace, name, stored(rule.name(), document(rule))))
                    .replaceWith(new Written(rule, existing.isEmpty()));
        });
    }

    public Uni<Void> delete(String workspace, String name, Task task, String ruleName) {
        return labelled(workspace, name, task).chain(dataset -> {
            if (dataset.rules().stream().noneMatch(rule -> rule.name().equals(ruleName))) {
                throw ApiException.notFound("Rule '" + ruleName + "' not found in dataset '" + name + "'");
            }
            return datasets.update(workspace, name, stored(ruleName, null));
        });
    }

    /** The dataset (404 outside the caller's workspaces), if its task has labels to vote for. */
    private Uni<Dataset> labelled(String workspace, String name, Task task) {
        if (task == Task.Text2Text) {
            throw ApiException.badRequest("task", "a Text2Text dataset has no labels for rules to vote for");
        }
        return datasets.require(workspace, name).map(dataset -> dataset.requireTask(task));
    }

    private static void requireValid(LabelingRule rule, Dataset dataset) {
        List<Violation> violations = new ArrayList<>(rule.violations());
        List<String> schema = dataset.labelSchema();
        for (int i = 0; i < rule.labels().size(); i++) {
            if (!schema.isEmpty() && !schema.contains(rule.labels().get(i))) {
                violations.add(new Violation("labels[" + i + "]", "'" + rule.labels().get(i)
                        + "' is not in the dataset's label schema " + schema));
            }
        }
        ApiException.requireNone(violations);
    }

    /** The rule as stored: every member written, null ones too, so that a replacement clears what it leaves out. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> document(LabelingRule rule) {
        Map<String, Object> document = new HashMap<>(json.convertValue(rule, Map.class));
        document.putIfAbsent("description", null);
        return document;
    }

    private static Map<String, Object> stored(String ruleName, Object rule) {
        Map<String, Object> rules = new HashMap<>();
        rules.put(ruleName, rule);
        return Map.of("settings", Map.of("rules", rules));
    }
}

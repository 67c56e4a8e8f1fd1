package io.rubrix.model.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.rules.WeakLabelSettings;
import io.rubrix.model.team.TeamSettings;
import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violation;

/**
 * A dataset's annotation settings: the label schema (labels of a text-classification dataset, entity
 * types of a token-classification one) and the guidelines annotators read. An empty schema allows any label.
 * {@code team}: how many people answer each record and how their answers become its annotation (ADR 0012); set by
 * its own endpoint, null for Rubrix's one person per record. {@code rules}: the labelling rules by name (ADR 0013),
 * written one by one by their own endpoint; {@code weak_labels}: the label model last applied, which records logged
 * afterwards get as they are written. {@code monitors}: the drift monitors by name (ADR 0014), one by one by their own
 * endpoint too.
 */
@JsonPropertyOrder({"labels", "guidelines", "team"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSettings(
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("guidelines") String guidelines,
        @JsonProperty("team") TeamSettings team,
        @JsonProperty("rules") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, LabelingRule> rules,
        @JsonProperty("weak_labels") WeakLabelSettings weakLabels,
        @JsonProperty("monitors") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Monitor> monitors) {

    public static final int MAX_GUIDELINES_LENGTH = 65_536;

    public DatasetSettings {
        labels = labels == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(labels));
        rules = withoutDeleted(rules);
        monitors = withoutDeleted(monitors);
    }

    /** Entries stored as null are deleted ones: a partial update of the descriptor cannot remove a key. */
    private static <T> Map<String, T> withoutDeleted(Map<String, T> stored) {
        Map<String, T> kept = new LinkedHashMap<>();
        if (stored != null) {
            stored.forEach((name, value) -> {
                if (value != null) {
                    kept.put(name, value);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(kept);
    }

    public DatasetSettings(List<String> labels, String guidelines) {
        this(labels, guidelines, null, null, null, null);
    }

    /** The labelling rules (ADR 0013), oldest first. */
    public List<LabelingRule> rulesInOrder() {
        return rules.values().stream().sorted(Comparator.comparing(LabelingRule::createdAt,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(LabelingRule::name)).toList();
    }

    /** What is wrong with these settings as a schema of at most {@code maxLabels} labels. */
    public List<Violation> violations(int maxLabels) {
        List<Violation> violations = new ArrayList<>();
        if (labels.size() > maxLabels) {
            violations.add(new Violation("labels", "has " + labels.size() + " labels; a schema has at most " + maxLabels
                    + " (rubrix.limits.schema-labels)"));
            return violations;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank()) {
                violations.add(new Violation("labels[" + i + "]", "must not be empty"));
            } else if (label.length() > Limits.LABEL_LENGTH) {
                violations.add(new Violation("labels[" + i + "]", "is " + label.length()
                        + " characters long; a label has at most " + Limits.LABEL_LENGTH));
            } else if (!seen.add(label)) {
                violations.add(new Violation("labels[" + i + "]", "label '" + label + "' appears more than once"));
            }
        }
        if (guidelines != null && guidelines.length() > MAX_GUIDELINES_LENGTH) {
            violations.add(new Violation("guidelines", "is longer than " + MAX_GUIDELINES_LENGTH + " characters"));
        }
        return violations;
    }
}

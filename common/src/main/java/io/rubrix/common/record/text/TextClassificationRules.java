package io.rubrix.common.record.text;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rubrix.common.validation.Violation;
import io.rubrix.common.validation.Violations;

/** Rubrix's validation rules for text-classification records. */
final class TextClassificationRules {

    private TextClassificationRules() {
    }

    static List<Violation> check(TextClassificationRecord record) {
        Violations violations = new Violations();
        checkInputs(violations, record.inputs());
        checkLabelling(violations, "prediction", record.prediction(), record.multiLabel());
        checkLabelling(violations, "annotation", record.annotation(), record.multiLabel());
        checkExplanation(violations, record);
        return violations.list();
    }

    private static void checkInputs(Violations violations, Map<String, Object> inputs) {
        if (inputs.isEmpty()) {
            violations.add("inputs", "must have at least one input");
            return;
        }
        inputs.forEach((name, value) -> {
            String field = "inputs." + name;
            if (value == null) {
                violations.add(field, "must not be null");
            } else if (value instanceof List<?> list) {
                if (list.stream().anyMatch(item -> !(item instanceof String))) {
                    violations.add(field, "a list input must hold texts only");
                }
            } else if (!(value instanceof String)) {
                violations.add(field, "must be a text or a list of texts");
            }
        });
    }

    private static void checkLabelling(Violations violations, String field, TextClassificationAnnotation labelling,
            boolean multiLabel) {
        if (labelling == null) {
            return;
        }
        violations.requireText(field + ".agent", labelling.agent());
        Set<String> seen = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < labelling.labels().size(); i++) {
            ClassPrediction label = labelling.labels().get(i);
            String at = field + ".labels[" + i + "]";
            if (label == null) {
                violations.add(at, "must not be null");
                continue;
            }
            violations.requireText(at + ".class", label.label());
            violations.requireUnitInterval(at + ".confidence", label.confidence());
            if (label.label() != null && !seen.add(label.label())) {
                violations.add(at + ".class", "label '" + label.label() + "' appears more than once");
            }
            sum += label.confidence();
        }
        if (!multiLabel && sum > 1.0 + Violations.SCORE_SUM_SLACK) {
            violations.add(field + ".labels",
                    "single-label confidences sum to " + round(sum) + ", above 1 (use multi_label for independent labels)");
        }
    }

    private static void checkExplanation(Violations violations, TextClassificationRecord record) {
        record.explanation().forEach((input, attributions) -> {
            if (!record.inputs().containsKey(input)) {
                violations.add("explanation." + input, "names no input of this record");
            }
            if (attributions == null) {
                violations.add("explanation." + input, "must not be null");
            }
        });
    }

    private static String round(double value) {
        return String.valueOf(Math.round(value * 1000) / 1000.0);
    }
}

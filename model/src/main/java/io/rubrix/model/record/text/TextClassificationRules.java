package io.rubrix.model.record.text;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rubrix.model.record.StorableValues;
import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violation;
import io.rubrix.model.validation.Violations;

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
        StorableValues.check(violations, record);
        return violations.list();
    }

    private static void checkInputs(Violations violations, Map<String, Object> inputs) {
        if (inputs.isEmpty()) {
            violations.add("inputs", "must have at least one input");
            return;
        }
        inputs.forEach((name, value) -> {
            if (value == null) {
                violations.add("inputs." + name, "must not be null");
            } else if (value instanceof List<?> list) {
                if (list.stream().anyMatch(item -> !(item instanceof String))) {
                    violations.add("inputs." + name, "a list input must hold texts only");
                }
            } else if (!(value instanceof String)) {
                violations.add("inputs." + name, "must be a text or a list of texts");
            }
        });
    }

    private static void checkLabelling(Violations violations, String field, TextClassificationAnnotation labelling,
            boolean multiLabel) {
        if (labelling == null) {
            return;
        }
        violations.requireText(field + ".agent", labelling.agent());
        List<ClassPrediction> labels = labelling.labels();
        if (!violations.requireAtMost(field + ".labels", labels.size(), Limits.LABELS_PER_RECORD, "labels")) {
            return;
        }
        boolean[] repeated = repeated(labels);
        double sum = 0;
        for (int i = 0; i < labels.size(); i++) {
            ClassPrediction label = labels.get(i);
            if (label == null) {
                violations.add(field + ".labels[" + i + "]", "must not be null");
                continue;
            }
            if (!wellFormed(label, repeated[i])) { // paths are built for the labels that break a rule only
                String at = field + ".labels[" + i + "]";
                violations.requireLabel(at + ".class", label.label());
                violations.requireUnitInterval(at + ".confidence", label.confidence());
                if (repeated[i]) {
                    violations.add(at + ".class", "label '" + label.label() + "' appears more than once");
                }
            }
            sum += label.confidence();
        }
        if (!multiLabel && sum > 1.0 + Violations.SCORE_SUM_SLACK) {
            violations.add(field + ".labels",
                    "single-label confidences sum to " + round(sum) + ", above 1 (use multi_label for independent labels)");
        }
    }

    private static boolean wellFormed(ClassPrediction label, boolean repeated) {
        double confidence = label.confidence();
        return !repeated && label.label() != null && !label.label().isBlank()
                && label.label().length() <= Limits.LABEL_LENGTH && confidence >= 0.0 && confidence <= 1.0;
    }

    /** Which labels repeat the class of an earlier one: a scan for a handful of labels, a set for many. */
    private static boolean[] repeated(List<ClassPrediction> labels) {
        boolean[] repeated = new boolean[labels.size()];
        if (labels.size() <= 16) {
            for (int i = 1; i < labels.size(); i++) {
                String name = labels.get(i) == null ? null : labels.get(i).label();
                for (int j = 0; name != null && j < i && !repeated[i]; j++) {
                    repeated[i] = labels.get(j) != null && name.equals(labels.get(j).label());
                }
            }
            return repeated;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.get(i) == null ? null : labels.get(i).label();
            repeated[i] = name != null && !seen.add(name);
        }
        return repeated;
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

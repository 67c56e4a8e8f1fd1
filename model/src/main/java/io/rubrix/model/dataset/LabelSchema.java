package io.rubrix.model.dataset;

import java.util.ArrayList;
import java.util.List;

import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.validation.Violation;

/**
 * A dataset's label schema ({@link DatasetSettings#labels()}) applied to people's annotations, wherever they come
 * from (a label, a bulk job, a labelled record logged by a person). Text2Text has no labels to check.
 */
public final class LabelSchema {

    private LabelSchema() {
    }

    /** Each label of {@code record}'s annotation outside {@code schema} (empty: any label), naming its field. */
    public static List<Violation> violations(TaskRecord record, List<String> schema) {
        return violations(labelsOf(record), record instanceof TokenClassificationRecord, schema);
    }

    /** Each of {@code labels} (classes, or entity types when {@code entities}) outside {@code schema}. */
    public static List<Violation> violations(List<String> labels, boolean entities, List<String> schema) {
        List<Violation> violations = new ArrayList<>();
        if (schema.isEmpty()) {
            return violations;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) != null && !schema.contains(labels.get(i))) {
                String field = entities ? "annotation.entities[" + i + "].label" : "annotation.labels[" + i + "].class";
                violations.add(new Violation(field,
                        "label '" + labels.get(i) + "' is not in the dataset's label schema " + schema));
            }
        }
        return violations;
    }

    /** The labels a schema governs, in the annotation's order: classes, or entity types. */
    public static List<String> labelsOf(TaskRecord record) {
        if (record instanceof TextClassificationRecord text && text.annotation() != null) {
            return text.annotation().labels().stream().map(ClassPrediction::label).toList();
        }
        if (record instanceof TokenClassificationRecord tokens && tokens.annotation() != null) {
            return tokens.annotation().entities().stream().map(EntitySpan::label).toList();
        }
        return List.of();
    }
}

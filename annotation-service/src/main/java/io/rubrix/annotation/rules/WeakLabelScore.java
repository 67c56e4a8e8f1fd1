package io.rubrix.annotation.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the weak labels written compare with the human labels of the same (single-label) records: accuracy and the
 * macro F1 over the labels either side names, the figure the monitoring page shows for any model.
 */
final class WeakLabelScore {

    private final Map<String, Long> truePositives = new HashMap<>();
    private final Map<String, Long> predicted = new HashMap<>();
    private final Map<String, Long> annotated = new HashMap<>();
    private long compared;
    private long correct;

    void add(String weak, String human) {
        compared++;
        predicted.merge(weak, 1L, Long::sum);
        annotated.merge(human, 1L, Long::sum);
        if (weak.equals(human)) {
            correct++;
            truePositives.merge(weak, 1L, Long::sum);
        }
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("annotated", compared);
        figures.put("correct", correct);
        figures.put("accuracy", compared == 0 ? null : (double) correct / compared);
        figures.put("macro_f1", compared == 0 ? null : macroF1());
        return figures;
    }

    private double macroF1() {
        Set<String> labels = new TreeSet<>(predicted.keySet());
        labels.addAll(annotated.keySet());
        double sum = 0;
        for (String label : labels) {
            long tp = truePositives.getOrDefault(label, 0L);
            long asPredicted = predicted.getOrDefault(label, 0L);
            long asAnnotated = annotated.getOrDefault(label, 0L);
            sum += asPredicted + asAnnotated == 0 ? 0 : 2.0 * tp / (asPredicted + asAnnotated);
        }
        return sum / labels.size();
    }
}

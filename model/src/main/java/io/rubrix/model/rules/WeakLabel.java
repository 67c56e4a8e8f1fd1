package io.rubrix.model.rules;

import java.util.Comparator;
import java.util.List;

/**
 * A label model's answer for one record: labels with their confidence, highest first. Written as a prediction of
 * agent {@code rules:<model>} (never as a human label).
 */
public record WeakLabel(List<Scored> labels) {

    public record Scored(String label, double confidence) {
    }

    public WeakLabel {
        labels = labels.stream().sorted(Comparator.comparingDouble(Scored::confidence).reversed()
                .thenComparing(Scored::label)).toList();
    }

    public String top() {
        return labels.get(0).label();
    }
}

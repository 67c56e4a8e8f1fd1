package io.rubrix.model.agreement;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Krippendorff's alpha per label and overall from the coincidences a store summed over records ({@link AgreementKeys}),
 * for each kind of answer (ADR 0012).
 */
public final class AgreementFigures {

    static final String OTHER = "\u0000other";

    private AgreementFigures() {
    }

    /** Alpha overall and per label. */
    public record Alphas(OptionalDouble overall, Map<String, OptionalDouble> labels) {
    }

    /**
     * Single-label or spans: the overall alpha over the values, and each label's as a binary alpha (the label against
     * every other value), which collapsing the summed matrix gives exactly. For spans a value is a BIO tag and its
     * label is what follows {@code B-} or {@code I-}.
     */
    public static Alphas ofValues(Map<ValuePair, Double> summed, Function<String, String> labelOf) {
        TreeSet<String> labels = new TreeSet<>();
        summed.keySet().forEach(pair -> {
            add(labels, labelOf.apply(pair.first()));
            add(labels, labelOf.apply(pair.second()));
        });
        Map<String, OptionalDouble> perLabel = new LinkedHashMap<>();
        for (String label : labels) {
            perLabel.put(label, NominalAlpha.alpha(collapse(summed, value -> label.equals(labelOf.apply(value)))));
        }
        return new Alphas(NominalAlpha.alpha(summed), perLabel);
    }

    /**
     * Multi-label: each label's binary units from its own scope, completed with the records where nobody gave the
     * label (every response "does not apply": {@code m} agreeing pairs each, so {@code pairableValues} less the values
     * already counted under the label); overall, the units of every label pooled.
     *
     * @param pairableValues the values of the records with at least two submitted responses, summed ({@code Σ m})
     */
    public static Alphas ofLabels(Map<String, Map<ValuePair, Double>> perScope, double pairableValues) {
        Map<String, OptionalDouble> perLabel = new LinkedHashMap<>();
        Map<ValuePair, Double> pooled = new HashMap<>();
        new TreeSet<>(perScope.keySet()).forEach(label -> {
            if (label.isEmpty()) {
                return;
            }
            Map<ValuePair, Double> matrix = new HashMap<>(perScope.get(label));
            double counted = matrix.values().stream().mapToDouble(Double::doubleValue).sum();
            ValuePair absent = new ValuePair(AgreementUnits.DOES_NOT_APPLY, AgreementUnits.DOES_NOT_APPLY);
            matrix.merge(absent, Math.max(0, pairableValues - counted), Double::sum);
            perLabel.put(label, NominalAlpha.alpha(matrix));
            matrix.forEach((pair, o) -> pooled.merge(pair, o, Double::sum));
        });
        return new Alphas(NominalAlpha.alpha(pooled), perLabel);
    }

    /** The label of a BIO tag ({@code B-PER}: PER), null outside spans ({@code O}). */
    public static String labelOfTag(String tag) {
        return tag.length() > 2 && (tag.startsWith("B-") || tag.startsWith("I-")) ? tag.substring(2) : null;
    }

    private static Map<ValuePair, Double> collapse(Map<ValuePair, Double> summed,
            java.util.function.Predicate<String> isLabel) {
        Map<ValuePair, Double> binary = new HashMap<>();
        summed.forEach((pair, o) -> binary.merge(new ValuePair(side(isLabel, pair.first()), side(isLabel, pair.second())),
                o, Double::sum));
        return binary;
    }

    private static String side(java.util.function.Predicate<String> isLabel, String value) {
        return isLabel.test(value) ? "label" : OTHER;
    }

    private static void add(TreeSet<String> labels, String label) {
        if (label != null && !label.isEmpty()) {
            labels.add(label);
        }
    }
}

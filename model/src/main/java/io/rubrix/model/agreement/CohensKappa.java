package io.rubrix.model.agreement;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Cohen's kappa between two annotators, from their confusion matrix over the records both labelled (first: what the
 * first annotator gave, second: the second's): {@code (p_o - p_e) / (1 - p_e)}, the observed agreement against the
 * agreement their label frequencies would give by chance.
 */
public final class CohensKappa {

    private CohensKappa() {
    }

    /** Nothing when there is no record, or when chance agreement is total (both gave one same label throughout). */
    public static OptionalDouble of(Map<ValuePair, Long> confusion) {
        double total = confusion.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return OptionalDouble.empty();
        }
        Map<String, Double> firsts = new HashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        double agreeing = 0;
        for (Map.Entry<ValuePair, Long> cell : confusion.entrySet()) {
            firsts.merge(cell.getKey().first(), (double) cell.getValue(), Double::sum);
            seconds.merge(cell.getKey().second(), (double) cell.getValue(), Double::sum);
            if (cell.getKey().agrees()) {
                agreeing += cell.getValue();
            }
        }
        double observed = agreeing / total;
        double chance = firsts.entrySet().stream()
                .mapToDouble(first -> first.getValue() / total * seconds.getOrDefault(first.getKey(), 0.0) / total).sum();
        if (chance == 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((observed - chance) / (1 - chance));
    }
}

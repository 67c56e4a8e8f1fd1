package io.rubrix.model.agreement;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Krippendorff's alpha for nominal values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section
 * C), in two steps so that a store can sum the first over any number of units: each unit (a record) contributes its
 * coincidences, computed from its own values alone; alpha comes from their sums. Units with fewer than two values
 * contribute nothing (they are not pairable).
 */
public final class NominalAlpha {

    private NominalAlpha() {
    }

    /**
     * The coincidences of one unit: for each ordered pair of values (c, k), {@code (n_c n_k - [c = k] n_c) / (m - 1)},
     * where {@code n_c} counts the coders who gave c and {@code m} all of the unit's values. Empty under two values.
     */
    public static Map<ValuePair, Double> coincidences(Collection<String> values) {
        int m = values.size();
        if (m < 2) {
            return Map.of();
        }
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<ValuePair, Double> coincidences = new HashMap<>();
        counts.forEach((c, nc) -> counts.forEach((k, nk) -> {
            double pairs = c.equals(k) ? nc * (nc - 1) : nc * nk;
            if (pairs > 0) {
                coincidences.put(new ValuePair(c, k), pairs / (m - 1));
            }
        }));
        return coincidences;
    }

    /**
     * Alpha from the coincidences summed over units: {@code 1 - (n - 1) D / E} with {@code D} the disagreeing
     * coincidences and {@code E} the disagreeing pairs the values' totals would make by chance. Nothing when there is
     * no pairable value, or when every value is the same (no variation: alpha is undefined).
     */
    public static OptionalDouble alpha(Map<ValuePair, Double> summed) {
        Map<String, Double> totals = new HashMap<>();
        summed.forEach((pair, o) -> totals.merge(pair.first(), o, Double::sum));
        double n = totals.values().stream().mapToDouble(Double::doubleValue).sum();
        double observed = summed.entrySet().stream().filter(e -> !e.getKey().agrees()).mapToDouble(Map.Entry::getValue).sum();
        double expected = n * n - totals.values().stream().mapToDouble(t -> t * t).sum(); // n_c n_k summed over c != k
        if (n <= 1 || expected == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(1 - (n - 1) * observed / expected);
    }
}

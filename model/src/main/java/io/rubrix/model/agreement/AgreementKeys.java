package io.rubrix.model.agreement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's share of the agreement figures as keywords, so that a {@code terms} aggregation over any number of
 * records sums them (ADR 0012): a keyword counts the records holding it, so each record holds each keyword at most
 * once, and a number is written as the powers of two it is made of (13 = 8 + 4 + 1: three keywords), which keeps the
 * distinct keywords few whatever the counts.
 *
 * <ul>
 * <li>Coincidences (Krippendorff's alpha): {@code scope␟c␟k␟den␟power}, worth {@code power / den}. A unit's
 * coincidence {@code (n_c n_k - [c = k] n_c) / (m - 1)} is an integer over {@code m - 1}, and a record's units all
 * have the same {@code m} (its submitted responses), so its sum is exact. The scope is empty for the task's own values
 * and a label's name for multi-label's per-label units.</li>
 * <li>Pairs (Cohen's kappa): {@code first␟second␟a␟b␟power}, {@code first < second} two annotators and {@code a},
 * {@code b} what each gave, worth {@code power} units.</li>
 * </ul>
 */
public final class AgreementKeys {

    /** Unit separator: a character no label or user name holds. */
    public static final String SEPARATOR = "\u001f";

    private AgreementKeys() {
    }

    /** The keywords of {@code coincidences} of units that all had {@code m} values, under {@code scope}. */
    public static List<String> coincidences(String scope, Map<ValuePair, Double> coincidences, int m) {
        List<String> keys = new ArrayList<>();
        int den = m - 1;
        coincidences.forEach((pair, o) -> {
            long numerator = Math.round(o * den);
            for (long power : powersOfTwo(numerator)) {
                keys.add(String.join(SEPARATOR, scope, pair.first(), pair.second(), Long.toString(den),
                        Long.toString(power)));
            }
        });
        return keys;
    }

    /** The keywords of a pair of annotators' confusion cells on one record ({@code first < second}). */
    public static List<String> pairs(String first, String second, Map<ValuePair, Long> cells) {
        List<String> keys = new ArrayList<>();
        cells.forEach((pair, count) -> {
            for (long power : powersOfTwo(count)) {
                keys.add(String.join(SEPARATOR, first, second, pair.first(), pair.second(), Long.toString(power)));
            }
        });
        return keys;
    }

    /** Coincidences per scope, summed from keyword counts (a {@code terms} aggregation's buckets). */
    public static Map<String, Map<ValuePair, Double>> sumCoincidences(Map<String, Long> counts) {
        Map<String, Map<ValuePair, Double>> sums = new HashMap<>();
        counts.forEach((key, records) -> {
            String[] parts = key.split(SEPARATOR, -1);
            if (parts.length != 5) {
                return;
            }
            double worth = Double.parseDouble(parts[4]) / Double.parseDouble(parts[3]);
            sums.computeIfAbsent(parts[0], scope -> new HashMap<>())
                    .merge(new ValuePair(parts[1], parts[2]), worth * records, Double::sum);
        });
        return sums;
    }

    /** Confusion matrices per pair of annotators ({@code first␟second}), summed from keyword counts. */
    public static Map<ValuePair, Map<ValuePair, Long>> sumPairs(Map<String, Long> counts) {
        Map<ValuePair, Map<ValuePair, Long>> sums = new HashMap<>();
        counts.forEach((key, records) -> {
            String[] parts = key.split(SEPARATOR, -1);
            if (parts.length != 5) {
                return;
            }
            sums.computeIfAbsent(new ValuePair(parts[0], parts[1]), annotators -> new HashMap<>())
                    .merge(new ValuePair(parts[2], parts[3]), Long.parseLong(parts[4]) * records, Long::sum);
        });
        return sums;
    }

    static List<Long> powersOfTwo(long value) {
        List<Long> powers = new ArrayList<>();
        for (long rest = value; rest > 0; rest &= rest - 1) {
            powers.add(Long.lowestOneBit(rest));
        }
        return powers;
    }
}

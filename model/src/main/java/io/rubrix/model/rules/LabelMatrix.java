package io.rubrix.model.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' votes on records (Snorkel's label matrix, stored sparse): for each record, the rules that matched it; a
 * rule that matched votes for its labels, the others abstain. The labels voted for are the matrix's classes, in the
 * order the rules first name them.
 */
public final class LabelMatrix {

    private final List<LabelingRule> rules;
    private final List<String> classes;
    private final int[][] classesOfRule;
    private final List<int[]> matched = new ArrayList<>();
    private long unmatched;

    public LabelMatrix(List<LabelingRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, Integer> index = new LinkedHashMap<>();
        classesOfRule = new int[rules.size()][];
        for (int rule = 0; rule < rules.size(); rule++) {
            classesOfRule[rule] = rules.get(rule).labels().stream()
                    .mapToInt(label -> index.computeIfAbsent(label, any -> index.size())).toArray();
        }
        classes = List.copyOf(index.keySet());
    }

    /** Adds a record: the indices (in {@link #rules()}) of the rules that matched it. Answers the record's row. */
    public int add(int... matchedRules) {
        for (int rule : matchedRules) {
            if (rule < 0 || rule >= rules.size()) {
                throw new IllegalArgumentException("no rule " + rule + " among " + rules.size());
            }
        }
        matched.add(matchedRules.clone());
        return matched.size() - 1;
    }

    /**
     * Counts {@code count} records no rule matched, without a row each: what a generative model learns from them is
     * only how often each rule abstains.
     */
    public void addUnmatched(long count) {
        unmatched += count;
    }

    /** The records counted by {@link #addUnmatched}. */
    public long unmatched() {
        return unmatched;
    }

    public List<LabelingRule> rules() {
        return rules;
    }

    public List<String> classes() {
        return classes;
    }

    public int records() {
        return matched.size();
    }

    /** The rules that matched the record of {@code row}. */
    public int[] matched(int row) {
        return matched.get(row);
    }

    /** The classes (indices in {@link #classes()}) rule {@code rule} votes for. */
    int[] classesOf(int rule) {
        return classesOfRule[rule];
    }

    /** Whether rule {@code rule} votes for exactly one class (what a single-label model can use). */
    boolean votesOnce(int rule) {
        return classesOfRule[rule].length == 1;
    }
}

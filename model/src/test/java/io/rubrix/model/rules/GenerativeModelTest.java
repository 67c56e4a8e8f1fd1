package io.rubrix.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class GenerativeModelTest {

    static LabelingRule rule(String name, String... labels) {
        return new LabelingRule(name, name, List.of(labels), null, null, null, null);
    }

    /**
     * Synthetic records whose rules' accuracies are known: the class is drawn from {@code prior}; rule j fires on a
     * record of its own class with chance {@code fireIn[j]} and on any other with {@code fireOut[j]}, independently.
     */
    record Synthetic(LabelMatrix matrix, int[] truth) {

        static Synthetic draw(List<LabelingRule> rules, List<String> classes, double[] prior, double[] fireIn,
                double[] fireOut, int records, long seed) {
            Random random = new Random(seed);
            LabelMatrix matrix = new LabelMatrix(rules);
            int[] truth = new int[records];
            for (int i = 0; i < records; i++) {
                double u = random.nextDouble();
                int y = 0;
                for (double cumulative = prior[0]; u > cumulative && y < prior.length - 1; cumulative += prior[++y]) {
                }
                truth[i] = y;
                List<Integer> fired = new ArrayList<>();
                for (int j = 0; j < rules.size(); j++) {
                    boolean own = classes.get(y).equals(rules.get(j).labels().get(0));
                    if (random.nextDouble() < (own ? fireIn[j] : fireOut[j])) {
                        fired.add(j);
                    }
                }
                matrix.add(fired.stream().mapToInt(Integer::intValue).toArray());
            }
            return new Synthetic(matrix, truth);
        }

        /**
         * The share of records whose top label is the true class, over the records the majority vote labels (the
         * same records for every model).
         */
        double accuracy(java.util.function.IntFunction<java.util.Optional<WeakLabel>> model) {
            int voted = 0;
            int right = 0;
            for (int row = 0; row < matrix.records(); row++) {
                var label = model.apply(row);
                if (label.isPresent() && MajorityVote.singleLabel(matrix, row).isPresent()) {
                    voted++;
                    right += label.get().top().equals(matrix.classes().get(truth[row])) ? 1 : 0;
                }
            }
            return (double) right / voted;
        }
    }

    /** A rule's true accuracy: the chance that a record it fires on is of its class. */
    static double trueAccuracy(double prior, double fireIn, double fireOut) {
        return prior * fireIn / (prior * fireIn + (1 - prior) * fireOut);
    }

    @Test
    void recoversEachRulesAccuracyWithin003OnTwoClassesWithoutLabels() {
        List<LabelingRule> rules = List.of(rule("r0", "spam"), rule("r1", "spam"), rule("r2", "ham"),
                rule("r3", "ham"), rule("r4", "spam"), rule("r5", "ham"));
        double[] fireIn = {0.60, 0.30, 0.50, 0.40, 0.25, 0.20};
        double[] fireOut = {0.05, 0.10, 0.08, 0.20, 0.15, 0.02};
        double[] prior = {0.4, 0.6}; // spam, ham: the classes in the order the rules name them
        Synthetic data = Synthetic.draw(rules, List.of("spam", "ham"), prior, fireIn, fireOut, 50_000, 7);

        GenerativeModel.Fitted fitted = GenerativeModel.fit(data.matrix(), 200, 1e-6);

        assertTrue(fitted.converged(), "converged in " + fitted.iterations());
        assertEquals(0.4, fitted.prior()[0], 0.02);
        for (int j = 0; j < rules.size(); j++) {
            int c = rules.get(j).labels().get(0).equals("spam") ? 0 : 1;
            double expected = trueAccuracy(prior[c], fireIn[j], fireOut[j]);
            assertEquals(expected, fitted.accuracy()[j], 0.03, "accuracy of " + rules.get(j).name());
            assertEquals(fireIn[j], fitted.fireIn()[j], 0.03, "firing chance of " + rules.get(j).name());
        }
        double model = data.accuracy(row -> fitted.predict(data.matrix(), row));
        double majority = data.accuracy(row -> MajorityVote.singleLabel(data.matrix(), row));
        assertTrue(model > majority, "the learnt model (" + model + ") beats the majority vote (" + majority + ")");
    }

    @Test
    void recordsCountedAsUnmatchedWeighLikeRowsWithoutVotes() {
        List<LabelingRule> rules = List.of(rule("r0", "spam"), rule("r1", "spam"), rule("r2", "ham"));
        Synthetic data = Synthetic.draw(rules, List.of("spam", "ham"), new double[] {0.3, 0.7},
                new double[] {0.5, 0.4, 0.3}, new double[] {0.05, 0.1, 0.02}, 5_000, 3);
        LabelMatrix compact = new LabelMatrix(rules);
        long none = 0;
        for (int row = 0; row < data.matrix().records(); row++) {
            if (data.matrix().matched(row).length == 0) {
                none++;
            } else {
                compact.add(data.matrix().matched(row));
            }
        }
        compact.addUnmatched(none);

        GenerativeModel.Fitted full = GenerativeModel.fit(data.matrix(), 100, 1e-9);
        GenerativeModel.Fitted counted = GenerativeModel.fit(compact, 100, 1e-9);

        for (int j = 0; j < rules.size(); j++) {
            assertEquals(full.accuracy()[j], counted.accuracy()[j], 1e-9);
        }
    }

    @Test
    void threeClassesWithAStrongAndANoisyRulePerClass() {
        List<LabelingRule> rules = List.of(rule("a1", "A"), rule("a2", "A"), rule("b1", "B"), rule("b2", "B"),
                rule("c1", "C"), rule("c2", "C"));
        double[] fireIn = {0.7, 0.4, 0.6, 0.4, 0.5, 0.35};
        double[] fireOut = {0.03, 0.3, 0.05, 0.15, 0.04, 0.25};
        double[] prior = {0.5, 0.3, 0.2};
        Synthetic data = Synthetic.draw(rules, List.of("A", "B", "C"), prior, fireIn, fireOut, 60_000, 11);

        GenerativeModel.Fitted fitted = GenerativeModel.fit(data.matrix(), 300, 1e-6);

        for (int j = 0; j < rules.size(); j++) {
            int c = j / 2;
            assertEquals(trueAccuracy(prior[c], fireIn[j], fireOut[j]), fitted.accuracy()[j], 0.04,
                    "accuracy of " + rules.get(j).name());
        }
        double model = data.accuracy(row -> fitted.predict(data.matrix(), row));
        double majority = data.accuracy(row -> MajorityVote.singleLabel(data.matrix(), row));
        assertTrue(model > majority, "the learnt model (" + model + ") beats the majority vote (" + majority + ")");
    }

    @Test
    void aRecordNoRuleMatchedHasNoWeakLabelAndMultiLabelRulesAreLeftOut() {
        List<LabelingRule> rules = List.of(rule("a", "A"), rule("b", "B"), rule("ab", "A", "B"));
        LabelMatrix matrix = new LabelMatrix(rules);
        matrix.add();
        matrix.add(0);
        matrix.add(1);
        matrix.add(2);
        matrix.add(0, 2);

        GenerativeModel.Fitted fitted = GenerativeModel.fit(matrix, 50, 1e-6);

        assertTrue(fitted.predict(matrix, 0).isEmpty());
        assertTrue(fitted.predict(matrix, 3).isEmpty(), "only the rule naming two labels matched");
        assertTrue(Double.isNaN(fitted.accuracy()[2]));
        assertEquals("A", fitted.predict(matrix, 4).orElseThrow().top());
        assertEquals(1.0, fitted.predict(matrix, 1).orElseThrow().labels().stream()
                .mapToDouble(WeakLabel.Scored::confidence).sum(), 1e-9);
    }
}

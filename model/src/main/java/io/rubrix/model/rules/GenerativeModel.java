package io.rubrix.model.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A label model that learns how accurate each rule is from how the rules agree, disagree and abstain together,
 * without human labels (ADR 0013): Dawid and Skene's latent-class model (1979), the generative model behind Snorkel
 * (Ratner et al., 2016), with the rules independent given the true class and fitted by expectation-maximisation.
 * <p>
 * A rule here always names the same label c: what it can do is fire or abstain. So each rule has two parameters, the
 * chance it fires on a record of class c ({@code fireIn}) and on a record of any other class ({@code fireOut}); the
 * classes have a prior. A record's posterior multiplies, over every rule, the chance of what the rule did (fired or
 * abstained) under each class. Starting from the majority vote, each round computes the posteriors (E), then the
 * prior and both chances of every rule as expected shares (M, anchored to the majority vote's first estimates with
 * the weight of a few records: a MAP estimate, as Snorkel anchors rules to a prior precision), until no rule's
 * accuracy moves by more than the tolerance. A rule's accuracy is the chance that a record it fires on is of its class.
 * <p>
 * Records with the same rules matching share a posterior, so a round costs the number of distinct patterns, not of
 * records. Single label only: rules naming several labels are left out (their accuracy is NaN).
 */
public final class GenerativeModel {

    private static final double FLOOR = 1e-4;
    /**
     * How many records' weight the majority vote's first estimates keep in every later round: nothing at the sizes
     * weak supervision is for, but on a few dozen records EM alone can slide to the uninformative fixed point where
     * every rule fires as often on any class (posteriors equal to the prior); anchored, it stays near the vote.
     */
    private static final double ANCHOR = 10;

    private GenerativeModel() {
    }

    /** The fitted model. */
    public record Fitted(List<String> classes, double[] prior, double[] fireIn, double[] fireOut, double[] accuracy,
            int iterations, boolean converged, int[] ruleClass) {

        /** The classes with their posterior probability; empty when none of the rules the model uses matched. */
        public Optional<WeakLabel> predict(int[] matchedRules) {
            if (Arrays.stream(matchedRules).noneMatch(rule -> ruleClass[rule] >= 0)) {
                return Optional.empty();
            }
            double[] posterior = posterior(fired(matchedRules, ruleClass.length), prior, fireIn, fireOut, ruleClass);
            List<WeakLabel.Scored> labels = new ArrayList<>();
            for (int k = 0; k < posterior.length; k++) {
                labels.add(new WeakLabel.Scored(classes.get(k), posterior[k]));
            }
            return Optional.of(new WeakLabel(labels));
        }

        public Optional<WeakLabel> predict(LabelMatrix matrix, int row) {
            return predict(matrix.matched(row));
        }
    }

    public static Fitted fit(LabelMatrix matrix, int maxIterations, double tolerance) {
        int classes = Math.max(matrix.classes().size(), 1);
        int rules = matrix.rules().size();
        int[] ruleClass = new int[rules];
        for (int j = 0; j < rules; j++) {
            ruleClass[j] = matrix.votesOnce(j) ? matrix.classesOf(j)[0] : -1;
        }
        List<Pattern> patterns = patterns(matrix, ruleClass);
        double[] prior = new double[classes];
        Arrays.fill(prior, 1.0 / classes);
        for (Pattern pattern : patterns) {
            pattern.posterior = majority(pattern.fired, ruleClass, classes);
        }
        double[] fireIn = new double[rules];
        double[] fireOut = new double[rules];
        double[] accuracy = maximise(patterns, ruleClass, prior, fireIn, fireOut, null, null);
        double[] anchorIn = fireIn.clone();
        double[] anchorOut = fireOut.clone();
        boolean converged = false;
        int iteration = 0;
        while (iteration < maxIterations && !converged) {
            iteration++;
            for (Pattern pattern : patterns) {
                pattern.posterior = posterior(pattern.fired, prior, fireIn, fireOut, ruleClass);
            }
            double[] next = maximise(patterns, ruleClass, prior, fireIn, fireOut, anchorIn, anchorOut);
            converged = true;
            for (int j = 0; j < rules; j++) {
                if (ruleClass[j] >= 0 && Math.abs(next[j] - accuracy[j]) > tolerance) {
                    converged = false;
                }
            }
            accuracy = next;
        }
        return new Fitted(matrix.classes(), prior, fireIn, fireOut, accuracy, iteration, converged, ruleClass);
    }

    /** Records that the same rules matched (of those the model uses), counted. */
    private static final class Pattern {
        final boolean[] fired;
        long count;
        double[] posterior;

        Pattern(boolean[] fired) {
            this.fired = fired;
        }
    }

    private static List<Pattern> patterns(LabelMatrix matrix, int[] ruleClass) {
        Map<String, Pattern> byKey = new HashMap<>();
        for (int row = 0; row < matrix.records(); row++) {
            boolean[] fired = fired(matrix.matched(row), ruleClass.length);
            for (int j = 0; j < fired.length; j++) {
                fired[j] &= ruleClass[j] >= 0;
            }
            byKey.computeIfAbsent(Arrays.toString(fired), any -> new Pattern(fired)).count++;
        }
        if (matrix.unmatched() > 0) {
            boolean[] none = new boolean[ruleClass.length];
            byKey.computeIfAbsent(Arrays.toString(none), any -> new Pattern(none)).count += matrix.unmatched();
        }
        return List.copyOf(byKey.values());
    }

    private static boolean[] fired(int[] matchedRules, int rules) {
        boolean[] fired = new boolean[rules];
        for (int j : matchedRules) {
            fired[j] = true;
        }
        return fired;
    }

    /**
     * M step: the prior (in place), each rule's two chances (in place) and accuracy. With anchors, each chance is
     * pulled toward the majority vote's estimate with the weight of {@value #ANCHOR} records (a MAP estimate).
     */
    private static double[] maximise(List<Pattern> patterns, int[] ruleClass, double[] prior, double[] fireIn,
            double[] fireOut, double[] anchorIn, double[] anchorOut) {
        int classes = prior.length;
        int rules = ruleClass.length;
        double[] mass = new double[classes];
        double[] firedIn = new double[rules];
        double[] firedOut = new double[rules];
        double total = 0;
        for (Pattern pattern : patterns) {
            double[] q = pattern.posterior;
            total += pattern.count;
            for (int k = 0; k < classes; k++) {
                mass[k] += pattern.count * q[k];
            }
            for (int j = 0; j < rules; j++) {
                if (ruleClass[j] >= 0 && pattern.fired[j]) {
                    double in = q[ruleClass[j]];
                    firedIn[j] += pattern.count * in;
                    firedOut[j] += pattern.count * (1 - in);
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            prior[k] = (mass[k] + 1) / (total + classes);
        }
        double[] accuracy = new double[rules];
        for (int j = 0; j < rules; j++) {
            if (ruleClass[j] < 0) {
                accuracy[j] = Double.NaN;
                continue;
            }
            int c = ruleClass[j];
            fireIn[j] = clamp(anchorIn == null ? (firedIn[j] + 1) / (mass[c] + 2)
                    : (firedIn[j] + ANCHOR * anchorIn[j]) / (mass[c] + ANCHOR));
            fireOut[j] = clamp(anchorOut == null ? (firedOut[j] + 1) / (total - mass[c] + 2)
                    : (firedOut[j] + ANCHOR * anchorOut[j]) / (total - mass[c] + ANCHOR));
            double in = prior[c] * fireIn[j];
            accuracy[j] = in / (in + (1 - prior[c]) * fireOut[j]);
        }
        return accuracy;
    }

    private static double[] posterior(boolean[] fired, double[] prior, double[] fireIn, double[] fireOut,
            int[] ruleClass) {
        int classes = prior.length;
        double[] log = new double[classes];
        for (int k = 0; k < classes; k++) {
            log[k] = Math.log(prior[k]);
            for (int j = 0; j < ruleClass.length; j++) {
                if (ruleClass[j] < 0) {
                    continue;
                }
                double chance = k == ruleClass[j] ? fireIn[j] : fireOut[j];
                log[k] += Math.log(fired[j] ? chance : 1 - chance);
            }
        }
        double max = Arrays.stream(log).max().orElse(0);
        double sum = 0;
        double[] posterior = new double[classes];
        for (int k = 0; k < classes; k++) {
            posterior[k] = Math.exp(log[k] - max);
            sum += posterior[k];
        }
        for (int k = 0; k < classes; k++) {
            posterior[k] /= sum;
        }
        return posterior;
    }

    /** The majority vote of the rules that fired, ties shared; the even split when none fired. */
    private static double[] majority(boolean[] fired, int[] ruleClass, int classes) {
        double[] votes = new double[classes];
        for (int j = 0; j < fired.length; j++) {
            if (fired[j]) {
                votes[ruleClass[j]]++;
            }
        }
        double max = Arrays.stream(votes).max().orElse(0);
        long top = Arrays.stream(votes).filter(v -> v == max).count();
        for (int k = 0; k < classes; k++) {
            votes[k] = votes[k] == max ? 1.0 / top : 0;
        }
        return votes;
    }

    private static double clamp(double chance) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, chance));
    }
}

package io.rubrix.model.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plain label model: each rule that matched a record votes. Single label: each class's share of the votes (a rule
 * naming several labels splits its vote); a tie for first abstains, as Snorkel's majority voter does. Multi label:
 * each label's confidence is the share of the matching rules that vote for it, so a label is predicted (0.5 and up)
 * when at least half of them name it.
 */
public final class MajorityVote {

    private MajorityVote() {
    }

    public static Optional<WeakLabel> singleLabel(LabelMatrix matrix, int row) {
        double[] votes = new double[matrix.classes().size()];
        for (int rule : matrix.matched(row)) {
            int[] classes = matrix.classesOf(rule);
            for (int k : classes) {
                votes[k] += 1.0 / classes.length;
            }
        }
        double total = 0;
        int best = -1;
        boolean tie = false;
        for (int k = 0; k < votes.length; k++) {
            total += votes[k];
            if (best < 0 || votes[k] > votes[best] + 1e-9) {
                best = k;
                tie = false;
            } else if (Math.abs(votes[k] - votes[best]) <= 1e-9) {
                tie = true;
            }
        }
        if (total == 0 || tie) {
            return Optional.empty();
        }
        return Optional.of(shares(matrix, votes, total));
    }

    public static Optional<WeakLabel> multiLabel(LabelMatrix matrix, int row) {
        int[] rules = matrix.matched(row);
        if (rules.length == 0) {
            return Optional.empty();
        }
        double[] votes = new double[matrix.classes().size()];
        for (int rule : rules) {
            for (int k : matrix.classesOf(rule)) {
                votes[k] += 1;
            }
        }
        return Optional.of(shares(matrix, votes, rules.length));
    }

    private static WeakLabel shares(LabelMatrix matrix, double[] votes, double total) {
        List<WeakLabel.Scored> labels = new ArrayList<>();
        for (int k = 0; k < votes.length; k++) {
            if (votes[k] > 0) {
                labels.add(new WeakLabel.Scored(matrix.classes().get(k), votes[k] / total));
            }
        }
        return new WeakLabel(labels);
    }
}

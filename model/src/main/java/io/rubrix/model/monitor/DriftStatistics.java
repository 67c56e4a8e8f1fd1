package io.rubrix.model.monitor;

/**
 * The distances between a reference histogram and a live one over the same bins (ADR 0014 gives the formulas and
 * worked values). Shares are counts over the window's total; a window without records has no share, and the
 * caller does not judge it.
 */
public final class DriftStatistics {

    /** The share a bin empty in one window is given in PSI, so that its log stays finite (as scorecards do). */
    static final double EMPTY_SHARE = 1e-4;

    private DriftStatistics() {
    }

    /** Population stability index: the sum over bins of (live - reference) * ln(live / reference). */
    public static double psi(long[] reference, long[] live) {
        double[] p = shares(reference);
        double[] q = shares(live);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double expected = Math.max(p[i], EMPTY_SHARE);
            double actual = Math.max(q[i], EMPTY_SHARE);
            sum += (actual - expected) * Math.log(actual / expected);
        }
        return sum;
    }

    /** Jensen-Shannon distance: the square root of the JS divergence with base-2 logarithms, from 0 to 1. */
    public static double jensenShannon(long[] reference, long[] live) {
        double[] p = shares(reference);
        double[] q = shares(live);
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            divergence += half(p[i], m) + half(q[i], m);
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    /** Kolmogorov-Smirnov statistic over ordered bins: the largest gap between the cumulative shares. */
    public static double ks(long[] reference, long[] live) {
        double[] p = shares(reference);
        double[] q = shares(live);
        double cumulativeP = 0;
        double cumulativeQ = 0;
        double largest = 0;
        for (int i = 0; i < p.length; i++) {
            cumulativeP += p[i];
            cumulativeQ += q[i];
            largest = Math.max(largest, Math.abs(cumulativeP - cumulativeQ));
        }
        return largest;
    }

    /**
     * Wasserstein-1 distance between two weighted point sets (each bin's records at the mean of their values), divided
     * by {@code scale} (the reference's standard deviation; unscaled when it is 0): the integral of the gap between the
     * two cumulative shares, walking the points of both in order. Exact when each bin's values are equal.
     */
    public static double wasserstein(double[] referencePoints, long[] reference, double[] livePoints, long[] live,
            double scale) {
        double[] p = shares(reference);
        double[] q = shares(live);
        java.util.TreeMap<Double, double[]> masses = new java.util.TreeMap<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                masses.computeIfAbsent(referencePoints[i], point -> new double[2])[0] += p[i];
            }
        }
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) {
                masses.computeIfAbsent(livePoints[i], point -> new double[2])[1] += q[i];
            }
        }
        double cumulativeP = 0;
        double cumulativeQ = 0;
        double distance = 0;
        Double previous = null;
        for (java.util.Map.Entry<Double, double[]> point : masses.entrySet()) {
            if (previous != null) {
                distance += Math.abs(cumulativeP - cumulativeQ) * (point.getKey() - previous);
            }
            cumulativeP += point.getValue()[0];
            cumulativeQ += point.getValue()[1];
            previous = point.getKey();
        }
        return scale > 0 ? distance / scale : distance;
    }

    private static double half(double share, double mean) {
        return share == 0 ? 0 : 0.5 * share * (Math.log(share / mean) / Math.log(2));
    }

    static double[] shares(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : (double) counts[i] / total;
        }
        return shares;
    }
}

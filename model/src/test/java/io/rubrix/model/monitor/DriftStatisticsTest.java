package io.rubrix.model.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The statistics against values worked by hand (and matching scipy's, where it has them). */
class DriftStatisticsTest {

    private static final double CLOSE = 1e-9;

    @Test
    void psiOfALabelShareMovingFrom20To60Percent() {
        // (0.6 - 0.2) ln(0.6 / 0.2) + (0.4 - 0.8) ln(0.4 / 0.8)
        assertEquals(0.716703787691222, DriftStatistics.psi(new long[] {20, 80}, new long[] {60, 40}), CLOSE);
        assertEquals(0.0, DriftStatistics.psi(new long[] {20, 80}, new long[] {2, 8}), CLOSE);
    }

    @Test
    void psiGivesAnEmptyBinATinyShareSoThatANewValueCounts() {
        // 2 (0.4 - 0.5) ln(0.8) + (0.2 - 0.0001) ln(0.2 / 0.0001)
        assertEquals(1.5640491119253044, DriftStatistics.psi(new long[] {50, 50, 0}, new long[] {40, 40, 20}), CLOSE);
    }

    @Test
    void jensenShannonDistanceIsBase2AndBetween0And1() {
        // scipy.spatial.distance.jensenshannon([0.2, 0.8], [0.6, 0.4], base=2)
        assertEquals(0.3528615164390317, DriftStatistics.jensenShannon(new long[] {20, 80}, new long[] {60, 40}), CLOSE);
        assertEquals(1.0, DriftStatistics.jensenShannon(new long[] {10, 0}, new long[] {0, 7}), CLOSE);
        assertEquals(0.0, DriftStatistics.jensenShannon(new long[] {1, 3}, new long[] {10, 30}), CLOSE);
    }

    @Test
    void ksIsTheLargestGapOfTheCumulativeShares() {
        // cumulative 0.1 0.3 0.6 1.0 against 0.4 0.7 0.9 1.0
        assertEquals(0.4, DriftStatistics.ks(new long[] {10, 20, 30, 40}, new long[] {40, 30, 20, 10}), CLOSE);
    }

    @Test
    void wassersteinOverBinPointsScaledByTheReferenceSpread() {
        // scipy.stats.wasserstein_distance([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [4, 3, 2, 1]) = 1.0
        long[] reference = {10, 20, 30, 40};
        long[] live = {40, 30, 20, 10};
        double[] points = {1, 2, 3, 4};
        assertEquals(1.0, DriftStatistics.wasserstein(points, reference, points, live, 0), CLOSE);
        assertEquals(0.5, DriftStatistics.wasserstein(points, reference, points, live, 2), CLOSE);
        // every text 10 characters long, then 30: all the mass moved by 20
        assertEquals(20.0, DriftStatistics.wasserstein(new double[] {10, 0}, new long[] {5, 0}, new double[] {0, 30},
                new long[] {0, 5}, 0), CLOSE);
        // scipy.stats.wasserstein_distance([1, 5], [2, 3], [1, 3], [1, 1]) = 0.25 + 0.25 + 0.75 * 2: points differ
        assertEquals(2.0, DriftStatistics.wasserstein(new double[] {1, 5}, new long[] {1, 3}, new double[] {2, 3},
                new long[] {1, 1}, 0), CLOSE);
    }
}

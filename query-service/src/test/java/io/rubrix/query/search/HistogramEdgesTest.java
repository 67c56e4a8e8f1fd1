package io.rubrix.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class HistogramEdgesTest {

    @Test
    void aDecimalRangeIsCutInTwelveEqualBucketsTheLastEndingAtTheMax() {
        HistogramEdges edges = HistogramEdges.over(0.1, 99.5, false);

        assertThat(edges.buckets()).isEqualTo(HistogramEdges.BUCKETS);
        assertThat(edges.from(0)).isEqualTo(0.1);
        assertThat(edges.to(0)).isEqualTo(8.38333333333);
        assertThat(edges.to(0)).isEqualTo(edges.from(1));
        assertThat(edges.to(11)).isEqualTo(99.5);
        assertThat(edges.bucketOf(99.5)).as("the max counts in the last bucket").isEqualTo(11);
        assertThat(edges.bucketOf(-500)).as("off the edges: the nearest").isZero();
    }

    @Test
    void wholeNumbersMakeBucketsAWholeNumberWideAndFewerWhenTheRangeIsNarrow() {
        HistogramEdges narrow = HistogramEdges.over(1, 5, true);
        assertThat(narrow.buckets()).isEqualTo(5);
        assertThat(narrow.interval()).isEqualTo(1);
        assertThat(narrow.from(4)).isEqualTo(5);
        assertThat(narrow.to(4)).isEqualTo(6);

        HistogramEdges wide = HistogramEdges.over(0, 1000, true);
        assertThat(wide.interval()).isEqualTo(84);
        assertThat(wide.buckets()).isEqualTo(12);
        assertThat(wide.to(11)).isGreaterThan(1000);
    }

    @Test
    void oneDecimalValueIsOneBucketWithoutAnElasticsearchHistogram() {
        HistogramEdges one = HistogramEdges.over(2.5, 2.5, false);

        assertThat(one.counted()).isFalse();
        assertThat(one.buckets()).isEqualTo(1);
        assertThat(one.from(0)).isEqualTo(2.5);
        assertThat(one.to(0)).isEqualTo(2.5);
    }

    @Test
    void aRangeWiderThanADoubleCanDivideIsOneBucketRatherThanAFailure() {
        HistogramEdges widest = HistogramEdges.over(-1e308, 1e308, false);

        assertThat(widest.counted()).isFalse();
        assertThat(widest.to(0)).isEqualTo(1e308);
    }

    @Test
    void theOffsetStartsABucketAtTheMinAndStaysWithinOneBucketWidth() {
        HistogramEdges negative = HistogramEdges.over(-13, 46, false);

        assertThat(negative.offset()).isBetween(0.0, negative.interval());
        // Elasticsearch's key of the bucket holding the min: floor((min - offset) / interval) * interval + offset
        double key = Math.floor((-13 - negative.offset()) / negative.interval()) * negative.interval() + negative.offset();
        assertThat(key).isCloseTo(-13, within(1e-9));
        assertThat(negative.bucketOf(key)).isZero();
    }
}

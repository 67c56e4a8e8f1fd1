package io.rubrix.query.search;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The buckets of a numeric metadata field's histogram, laid over the dataset's own range of the field so that they
 * stay in place while filters change: {@link #BUCKETS} buckets of equal width, each counting {@code from <= value <
 * to}, the last also its {@code to}. An integral field's buckets are whole numbers wide (fewer when its range is
 * narrower); a decimal field of one value has one bucket, which Elasticsearch's histogram cannot make (it needs a
 * width), and so has one whose range no double can divide.
 */
record HistogramEdges(double start, double interval, int buckets, double end) {

    static final int BUCKETS = 12;
    /** Edges are shown to 12 significant digits: the width is a division, 10.850000000000001 is no edge to read. */
    private static final MathContext SHOWN = new MathContext(12);

    static HistogramEdges over(double min, double max, boolean integral) {
        if (integral) {
            double width = Math.max(1, Math.ceil((max - min + 1) / BUCKETS));
            int buckets = (int) Math.ceil((max - min + 1) / width);
            return new HistogramEdges(min, width, buckets, min + buckets * width);
        }
        double width = (max - min) / BUCKETS;
        if (!(width > 0) || !Double.isFinite(width)) { // one value, or a range past a double (-1e308 to 1e308)
            return new HistogramEdges(min, 0, 1, max);
        }
        return new HistogramEdges(min, width, BUCKETS, max);
    }

    /** False for the single bucket of one value: its count is the number of records with the field. */
    boolean counted() {
        return interval > 0;
    }

    /**
     * Elasticsearch's offset that starts a bucket at {@link #start}, within [0, interval): with a larger offset
     * Elasticsearch 9.2 applies {@code hard_bounds} off by the offset and drops buckets.
     */
    double offset() {
        return start - Math.floor(start / interval) * interval;
    }

    /**
     * The bounds Elasticsearch may make buckets within: a record written since the dataset's range was read, or a
     * value on an edge that floating point puts one bucket off, counts in the nearest bucket instead of making
     * thousands of empty ones.
     */
    double lowest() {
        return start - 2 * interval;
    }

    double highest() {
        return end + 2 * interval;
    }

    double from(int bucket) {
        return shown(start + bucket * interval);
    }

    double to(int bucket) {
        return bucket == buckets - 1 ? shown(end) : from(bucket + 1);
    }

    /** The bucket an Elasticsearch histogram key falls in, keys beyond the edges in the nearest one. */
    int bucketOf(double key) {
        long bucket = Math.round((key - start) / interval);
        return (int) Math.max(0, Math.min(buckets - 1, bucket));
    }

    private static double shown(double edge) {
        return new BigDecimal(edge).round(SHOWN).doubleValue();
    }
}

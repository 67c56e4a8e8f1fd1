package io.rubrix.model.monitor;

/** What a monitor's measure compares (ADR 0014), with the statistic and threshold it takes unless given. */
public enum MeasureKind {
    /** Share of records per predicted label ({@code predicted_as}). */
    predicted_labels(Measure.Statistic.psi, 0.2),
    /** The top label's confidence ({@code score}), in 20 bins of 0.05. */
    confidence(Measure.Statistic.ks, 0.1),
    /** A metadata field: share per value ({@code type: categorical}) or its distribution ({@code numeric}). */
    metadata(Measure.Statistic.jensen_shannon, 0.1),
    /** The record's text length in characters ({@code text_length}). */
    text_length(Measure.Statistic.wasserstein, 0.1),
    /** Share of records per prediction agent ({@code predicted_by}). */
    agents(Measure.Statistic.jensen_shannon, 0.1),
    /** Share of annotated records whose prediction is right ({@code predicted: ok}). */
    accuracy(Measure.Statistic.drop, 0.05),
    /** Macro F1 of the predictions against the human labels, per label present in either. */
    f1(Measure.Statistic.drop, 0.05);

    private final Measure.Statistic statistic;
    private final double threshold;

    MeasureKind(Measure.Statistic statistic, double threshold) {
        this.statistic = statistic;
        this.threshold = threshold;
    }

    public Measure.Statistic statistic() {
        return statistic;
    }

    public double threshold() {
        return threshold;
    }
}

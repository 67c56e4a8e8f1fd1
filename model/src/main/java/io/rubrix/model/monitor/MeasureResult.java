package io.rubrix.model.monitor;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measure of one evaluation: the statistic's value, what it reads as against the threshold, and both windows'
 * histograms. {@code insufficient} when either window has fewer records than the monitor's {@code min_records}: no
 * value is judged then, and an alert raised before stays as it is.
 */
@JsonPropertyOrder({"measure", "kind", "statistic", "threshold", "value", "reading", "reference", "live"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeasureResult(
        @JsonProperty("measure") String measure,
        @JsonProperty("kind") MeasureKind kind,
        @JsonProperty("statistic") Measure.Statistic statistic,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("value") Double value,
        @JsonProperty("reading") Reading reading,
        @JsonProperty("reference") Distribution reference,
        @JsonProperty("live") Distribution live) {

    public enum Reading {
        ok, drift, insufficient
    }

    /** What an evaluation reading {@code reading} does to a measure that was alerting or not: raise, clear or nothing. */
    public static Optional<AlertType> transition(boolean alerting, Reading reading) {
        if (!alerting && reading == Reading.drift) {
            return Optional.of(AlertType.raised);
        }
        if (alerting && reading == Reading.ok) {
            return Optional.of(AlertType.cleared);
        }
        return Optional.empty();
    }

    /** The reading of {@code value} against {@code threshold}: drift strictly above it. */
    public static Reading read(Double value, double threshold) {
        if (value == null || value.isNaN()) {
            return Reading.insufficient;
        }
        return value > threshold ? Reading.drift : Reading.ok;
    }
}

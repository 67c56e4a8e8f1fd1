package io.rubrix.query.drift;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.record.Timestamps;

/** The answers of the drift monitors' reads (ADR 0014). */
public final class MonitorViews {

    private MonitorViews() {
    }

    /** A monitor with where it stands. */
    @RegisterForReflection
    public record Watched(@JsonProperty("monitor") Monitor monitor, @JsonProperty("status") Status status) {
    }

    @RegisterForReflection
    public record Listing(@JsonProperty("monitors") List<Watched> monitors) {
    }

    /** One monitor, where it stands and its last evaluation with both windows' histograms (none before the first). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(
            @JsonProperty("monitor") Monitor monitor,
            @JsonProperty("status") Status status,
            @JsonProperty("last_evaluation") Evaluation lastEvaluation) {
    }

    /**
     * Where a monitor stands: when it was last evaluated, the measures alerting, each measure's last value, and why
     * the last evaluation failed, if it did.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            @JsonProperty("evaluated_at") @JsonSerialize(using = Timestamps.Writer.class) Instant evaluatedAt,
            @JsonProperty("alerting") List<String> alerting,
            @JsonProperty("measures") List<Point> measures,
            @JsonProperty("error") String error) {
    }

    /** One measure at one evaluation: a point of its time series. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(
            @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class) Instant at,
            @JsonProperty("measure") String measure,
            @JsonProperty("statistic") String statistic,
            @JsonProperty("value") Double value,
            @JsonProperty("threshold") double threshold,
            @JsonProperty("reading") String reading,
            @JsonProperty("reference_count") long referenceCount,
            @JsonProperty("live_count") long liveCount) {
    }

    @RegisterForReflection
    public record Series(@JsonProperty("points") List<Point> points) {
    }

    /** An alert raised or cleared, with what became of its deliveries. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alert(
            @JsonProperty("event_id") String eventId,
            @JsonProperty("type") String type,
            @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class) Instant at,
            @JsonProperty("measure") String measure,
            @JsonProperty("statistic") String statistic,
            @JsonProperty("value") Double value,
            @JsonProperty("threshold") double threshold,
            @JsonProperty("published") boolean published,
            @JsonProperty("webhook") Delivery webhook) {
    }

    /** What became of an alert's webhook: none, pending (due at next_at), delivered or failed; why it last failed. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(
            @JsonProperty("state") String state,
            @JsonProperty("url") String url,
            @JsonProperty("attempts") Integer attempts,
            @JsonProperty("next_at") String nextAt,
            @JsonProperty("last_status") Integer lastStatus,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("delivered_at") String deliveredAt) {
    }

    @RegisterForReflection
    public record Alerts(@JsonProperty("alerts") List<Alert> alerts) {
    }
}

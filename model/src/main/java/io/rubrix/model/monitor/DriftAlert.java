package io.rubrix.model.monitor;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/**
 * A drift alert raised or cleared (ADR 0014): the event on topic {@code rubrix.alerts} (key {@link #key()}) and the
 * body POSTed to a monitor's webhook. {@code event_id} is the same on every delivery of one alert: consumers drop
 * duplicates by it.
 */
@JsonPropertyOrder({"event_id", "type", "at", "workspace", "dataset", "task", "monitor", "measure", "statistic",
        "value", "threshold", "reference", "live", "evaluation_id"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftAlert(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("type") AlertType type,
        @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant at,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("task") String task,
        @JsonProperty("monitor") String monitor,
        @JsonProperty("measure") String measure,
        @JsonProperty("statistic") Measure.Statistic statistic,
        @JsonProperty("value") Double value,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("reference") WindowSpan reference,
        @JsonProperty("live") WindowSpan live,
        @JsonProperty("evaluation_id") String evaluationId) {

    /** The Kafka key: one measure's alerts in one partition, in order. */
    @JsonIgnore
    public String key() {
        return workspace + "." + dataset + "." + monitor + "." + measure;
    }
}

package io.rubrix.query.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.Timestamps;

/** Production predictions over time, one bucket per interval of {@code event_timestamp}, empty ones included. */
@JsonPropertyOrder({"interval", "from", "to", "buckets"})
@RegisterForReflection
public record Series(
        @JsonProperty("interval") String interval,
        @JsonProperty("from") @JsonSerialize(using = Timestamps.Writer.class) @JsonInclude(JsonInclude.Include.NON_NULL) Instant from,
        @JsonProperty("to") @JsonSerialize(using = Timestamps.Writer.class) @JsonInclude(JsonInclude.Include.NON_NULL) Instant to,
        @JsonProperty("buckets") List<Bucket> buckets) {

    /**
     * {@code count} records; per predicted label and per prediction agent; the top prediction confidence
     * (mean and percentiles, absent in an empty bucket); {@code ok}/{@code ko} among those people labelled and
     * the share of ok; {@code annotated}: how many of the bucket's records people labelled so far.
     * {@code labelled} and {@code labelled_by}: annotation throughput, the human actions (labels, status changes,
     * deletions) taken during the bucket's time, in all and per person, whatever the query.
     */
    @JsonPropertyOrder({"time", "count", "predicted_as", "predicted_by", "confidence", "ok", "ko", "ok_share", "annotated",
            "labelled", "labelled_by"})
    @RegisterForReflection
    public record Bucket(
            @JsonProperty("time") @JsonSerialize(using = Timestamps.Writer.class) Instant time,
            @JsonProperty("count") long count,
            @JsonProperty("predicted_as") Map<String, Long> predictedAs,
            @JsonProperty("predicted_by") Map<String, Long> predictedBy,
            @JsonProperty("confidence") @JsonInclude(JsonInclude.Include.NON_NULL) Confidence confidence,
            @JsonProperty("ok") long ok,
            @JsonProperty("ko") long ko,
            @JsonProperty("ok_share") @JsonInclude(JsonInclude.Include.NON_NULL) Double okShare,
            @JsonProperty("annotated") long annotated,
            @JsonProperty("labelled") long labelled,
            @JsonProperty("labelled_by") Map<String, Long> labelledBy) {
    }

    @JsonPropertyOrder({"mean", "p50", "p90", "p99"})
    @RegisterForReflection
    public record Confidence(
            @JsonProperty("mean") double mean,
            @JsonProperty("p50") double p50,
            @JsonProperty("p90") double p90,
            @JsonProperty("p99") double p99) {
    }
}

package io.rubrix.model.monitor;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/** One evaluation of a monitor: both windows as read at {@code at}, and each measure's result. */
@JsonPropertyOrder({"evaluation_id", "monitor", "at", "reference", "live", "measures"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(
        @JsonProperty("evaluation_id") String evaluationId,
        @JsonProperty("monitor") String monitor,
        @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant at,
        @JsonProperty("reference") WindowSpan reference,
        @JsonProperty("live") WindowSpan live,
        @JsonProperty("measures") List<MeasureResult> measures) {

    public Evaluation {
        measures = measures == null ? List.of() : List.copyOf(measures);
    }
}

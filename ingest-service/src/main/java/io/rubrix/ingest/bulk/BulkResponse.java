package io.rubrix.ingest.bulk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.FieldError;

/** Rubrix's answer to a bulk, plus {@code errors}: each refused record's index in the batch, id, field and reason. */
@JsonPropertyOrder({"dataset", "processed", "failed", "errors"})
@RegisterForReflection
public record BulkResponse(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("processed") int processed,
        @JsonProperty("failed") int failed,
        @JsonProperty("errors") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
}

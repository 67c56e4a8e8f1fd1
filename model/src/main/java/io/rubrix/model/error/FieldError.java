package io.rubrix.model.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.validation.Violation;

/**
 * One field that was refused. In a batch, {@code index} (position in the batch) and {@code id} say which
 * record it belongs to; outside a batch they are absent.
 */
@JsonPropertyOrder({"index", "id", "field", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, String id, String field, String reason) {

    public static FieldError of(String field, String reason) {
        return new FieldError(null, null, field, reason);
    }

    public static FieldError of(Violation violation) {
        return of(violation.field(), violation.reason());
    }

    public static FieldError inBatch(int index, String id, Violation violation) {
        return new FieldError(index, id, violation.field(), violation.reason());
    }
}

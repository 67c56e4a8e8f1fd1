package io.rubrix.client;

import java.util.List;

import io.rubrix.model.error.FieldError;

/**
 * What a {@link Rubrix#log} did: records indexed, records refused, and for each refused one its index in the
 * whole logged sequence, its id, the field and the reason.
 */
public record LogSummary(String dataset, long processed, long failed, List<FieldError> errors) {

    public LogSummary {
        errors = List.copyOf(errors);
    }
}

package io.rubrix.annotation.team;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.team.ResponseStatus;

/**
 * The body of {@code PUT .../records/{id}/responses/me}: the person's labels (the task's annotation object, without
 * agent) and where their response stands. Without an annotation, their previous one is kept.
 */
@RegisterForReflection
public record ResponseRequest(
        @JsonProperty("status") ResponseStatus status,
        @JsonProperty("annotation") JsonNode annotation) {

    public ResponseRequest requireValid() {
        if (status == null) {
            throw ApiException.badRequest("status", "is required: draft, submitted or discarded");
        }
        if (annotation != null && !annotation.isNull() && !annotation.isObject()) {
            throw ApiException.badRequest("annotation", "must be a JSON object");
        }
        return this;
    }
}

package io.rubrix.annotation.team;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.RecordStatus;

/**
 * The body of {@code PUT .../records/{id}/review}: {@code pick} a person's response as it is, or give the
 * {@code annotation} decided (an edited response or the reviewer's own), with {@code status} Validated (the default)
 * or Discarded. {@code version}: the record's version the reviewer saw, or send it as {@code If-Match}.
 */
@RegisterForReflection
public record ReviewRequest(
        @JsonProperty("pick") String pick,
        @JsonProperty("annotation") JsonNode annotation,
        @JsonProperty("status") RecordStatus status,
        @JsonProperty("version") String version) {

    public ReviewRequest requireValid() {
        boolean hasAnnotation = annotation != null && !annotation.isNull();
        if (pick != null && (hasAnnotation || status != null)) {
            throw ApiException.badRequest("pick", "pick a response, or give an annotation and status, not both");
        }
        if (pick == null && !hasAnnotation && status != RecordStatus.Discarded) {
            throw ApiException.badRequest("annotation", "give the decided annotation, or pick a response");
        }
        if (hasAnnotation && !annotation.isObject()) {
            throw ApiException.badRequest("annotation", "must be a JSON object");
        }
        return this;
    }
}

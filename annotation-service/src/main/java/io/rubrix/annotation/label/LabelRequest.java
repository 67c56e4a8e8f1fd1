package io.rubrix.annotation.label;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.RecordStatus;

/**
 * The body of a single-record label write: the change, and the version of the record the person saw (or send
 * it as {@code If-Match}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record LabelRequest(
        @JsonProperty("annotation") JsonNode annotation,
        @JsonProperty("status") RecordStatus status,
        @JsonProperty("version") String version) {

    public LabelChange change() {
        return new LabelChange(annotation, status);
    }
}

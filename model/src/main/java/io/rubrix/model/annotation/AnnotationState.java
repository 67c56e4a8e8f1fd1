package io.rubrix.model.annotation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.record.RecordStatus;

/**
 * What people decided about a record at one moment: its status and its annotation (the task's annotation
 * object, null when there is none).
 */
@JsonPropertyOrder({"status", "annotation"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AnnotationState(
        @JsonProperty("status") RecordStatus status,
        @JsonProperty("annotation") JsonNode annotation) {
}

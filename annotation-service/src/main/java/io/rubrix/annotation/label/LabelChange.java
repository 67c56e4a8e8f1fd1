package io.rubrix.annotation.label;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.RecordStatus;

/**
 * What a person does to a record: gives an annotation (the task's annotation object, without agent: the agent
 * is the person), sets a status, or both.
 *
 * <ul>
 * <li>An annotation without status leaves the record {@code Validated}.</li>
 * <li>{@code Validated} without annotation confirms the record's annotation, or, when it has none, its
 * prediction (Rubrix's "validate").</li>
 * <li>{@code Discarded} and {@code Edited} without annotation keep the annotation there is.</li>
 * <li>{@code Default} takes the record back to where no person had acted: the annotation is removed.</li>
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record LabelChange(
        @JsonProperty("annotation") JsonNode annotation,
        @JsonProperty("status") RecordStatus status) {

    public boolean hasAnnotation() {
        return annotation != null && !annotation.isNull();
    }

    /** The status the record is left in. */
    public RecordStatus resultingStatus() {
        return status != null ? status : RecordStatus.Validated;
    }

    /** This change, or a 400 naming the field when it asks for nothing or for a contradiction. */
    public LabelChange requireValid(String prefix) {
        if (!hasAnnotation() && status == null) {
            throw ApiException.badRequest(prefix + "annotation", "give an annotation, a status, or both");
        }
        if (hasAnnotation() && !annotation.isObject()) {
            throw ApiException.badRequest(prefix + "annotation", "must be a JSON object");
        }
        if (hasAnnotation() && status == RecordStatus.Default) {
            throw ApiException.badRequest(prefix + "status",
                    "Default means no person has labelled the record; it cannot come with an annotation");
        }
        return this;
    }
}

package io.rubrix.annotation.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;

/**
 * The body of {@code POST .../labeling/rules:apply}: which label model turns the rules' votes into one prediction,
 * and whether a prediction from another agent (a model's) gives way to it (no by default).
 */
@RegisterForReflection
public record ApplyRequest(
        @JsonProperty("model") String model,
        @JsonProperty("replace_predictions") Boolean replacePredictions) {

    public enum Model {
        majority,
        generative
    }

    Model labelModel() {
        if (model == null) {
            return Model.generative;
        }
        try {
            return Model.valueOf(model);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("model", "'" + model + "' is not one of majority, generative");
        }
    }

    boolean replaces() {
        return replacePredictions != null && replacePredictions;
    }
}

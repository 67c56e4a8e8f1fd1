package io.rubrix.annotation.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;

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

    /** The model asked for: by default the generative one; token classification has the majority vote only. */
    Model labelModel(Task task) {
        boolean spans = task == Task.TokenClassification;
        if (model == null) {
            return spans ? Model.majority : Model.generative;
        }
        Model chosen;
        try {
            chosen = Model.valueOf(model);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("model", "'" + model + "' is not one of majority, generative");
        }
        if (spans && chosen == Model.generative) {
            throw ApiException.badRequest("model", "token classification's weak labels are the majority vote, span by "
                    + "span (the generative model is for text classification)");
        }
        return chosen;
    }

    boolean replaces() {
        return replacePredictions != null && replacePredictions;
    }
}

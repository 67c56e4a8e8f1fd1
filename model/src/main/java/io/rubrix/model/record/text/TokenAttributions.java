package io.rubrix.model.record.text;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** How much one token of an input pushed the model towards each label (the explanation heat map). */
@JsonPropertyOrder({"token", "attributions"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TokenAttributions(String token, Map<String, Double> attributions) {

    public TokenAttributions {
        attributions = attributions == null ? Map.of() : attributions;
    }
}

package io.rubrix.model.record.token;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.record.Labelling;

/** The entities found by a model (prediction, with an optional score) or marked by a person (annotation). */
@JsonPropertyOrder({"agent", "entities", "score"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenClassificationAnnotation(String agent, List<EntitySpan> entities, Double score) implements Labelling {

    public TokenClassificationAnnotation {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }
}

package io.rubrix.model.record.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An entity: a label over the characters {@code [start, end)} of the record's raw text, with the model's score for
 * it when it gives one (later Rubrix clients send it; v0.1's has none).
 */
@JsonPropertyOrder({"start", "end", "label", "score"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntitySpan(Integer start, Integer end, String label, Double score) {

    public EntitySpan(Integer start, Integer end, String label) {
        this(start, end, label, null);
    }

    /** The span and its label alone: what a person marks, and what agreement between two labellings compares. */
    public EntitySpan withoutScore() {
        return score == null ? this : new EntitySpan(start, end, label);
    }
}

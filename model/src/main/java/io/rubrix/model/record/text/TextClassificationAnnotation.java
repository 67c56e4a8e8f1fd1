package io.rubrix.model.record.text;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.record.Labelling;

/** A prediction (machine agent) or an annotation (human agent) of a text-classification record. */
@JsonPropertyOrder({"agent", "labels"})
public record TextClassificationAnnotation(String agent, List<ClassPrediction> labels) implements Labelling {

    public TextClassificationAnnotation {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}

package io.rubrix.common.record.text;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A prediction (machine agent) or an annotation (human agent) of a text-classification record. */
@JsonPropertyOrder({"agent", "labels"})
@RegisterForReflection
public record TextClassificationAnnotation(String agent, List<ClassPrediction> labels) {

    public TextClassificationAnnotation {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}

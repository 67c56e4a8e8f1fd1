package io.rubrix.model.record.text2text;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.record.Labelling;

/** Sentences predicted by a model (best first) or written by a person. */
@JsonPropertyOrder({"agent", "sentences"})
public record Text2TextAnnotation(String agent, List<Text2TextSentence> sentences) implements Labelling {

    public Text2TextAnnotation {
        sentences = sentences == null ? List.of() : List.copyOf(sentences);
    }
}

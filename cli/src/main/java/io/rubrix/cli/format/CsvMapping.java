package io.rubrix.cli.format;

import java.util.List;

/**
 * Which CSV columns make which record fields ({@code rubrix log --help}): the inputs (or the text of a Text2Text
 * record), the id, the annotation and the prediction (labels, or a sentence for Text2Text) with its confidence,
 * and metadata.
 */
public record CsvMapping(List<String> inputs, String id, String annotation, String annotationAgent, String prediction,
        String confidence, String predictionAgent, List<String> metadata, boolean multiLabel, String labelSeparator) {
}

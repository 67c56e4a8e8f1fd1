package io.rubrix.model.record.text2text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One output text (a summary, a translation) with the model's score when it is a prediction. */
@JsonPropertyOrder({"text", "score"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Text2TextSentence(String text, Double score) {
}

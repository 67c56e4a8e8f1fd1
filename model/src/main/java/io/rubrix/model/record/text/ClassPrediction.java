package io.rubrix.model.record.text;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One label with its confidence: {@code {"class": "Business", "confidence": 0.8}} (aliases {@code class_label}, {@code score}). */
@JsonPropertyOrder({"class", "confidence"})
public record ClassPrediction(
        @JsonProperty("class") @JsonAlias("class_label") String label,
        @JsonProperty("confidence") @JsonAlias("score") Double confidence) {

    public ClassPrediction {
        if (confidence == null) {
            confidence = 1.0;
        }
    }

    public static ClassPrediction of(String label, double confidence) {
        return new ClassPrediction(label, confidence);
    }
}

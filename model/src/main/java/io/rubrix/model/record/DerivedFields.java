package io.rubrix.model.record;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Fields computed once, at write time, from a record, and indexed beside it so that search and
 * aggregations are plain Elasticsearch queries.
 *
 * @param predictedAs labels the prediction assigns (top label for single label, those above 0.5 for multi label)
 * @param annotatedAs labels the annotation assigns, by the same rule
 * @param predictedBy the prediction agent, if any
 * @param annotatedBy the annotation agent, if any
 * @param predicted   ok when prediction and annotation agree, ko when they do not, absent without both; not
 *                    written here: the record carries it itself ({@link TaskRecord#stampedAt})
 * @param score       the prediction's confidence (top label, or the prediction score), absent without prediction
 * @param words       the record's text, for full-text search and the word cloud
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DerivedFields(
        @JsonProperty("predicted_as") List<String> predictedAs,
        @JsonProperty("annotated_as") List<String> annotatedAs,
        @JsonProperty("predicted_by") List<String> predictedBy,
        @JsonProperty("annotated_by") List<String> annotatedBy,
        @JsonIgnore PredictionStatus predicted,
        @JsonProperty("score") Double score,
        @JsonProperty("words") String words) {

    public DerivedFields {
        predictedAs = List.copyOf(predictedAs);
        annotatedAs = List.copyOf(annotatedAs);
        predictedBy = List.copyOf(predictedBy);
        annotatedBy = List.copyOf(annotatedBy);
    }

    /** The length of the record's text in characters (UTF-16 units, as the web app counts), for drift monitors. */
    @JsonProperty("text_length")
    public Integer textLength() {
        return words == null ? null : words.length();
    }

    public static List<String> agents(String agent) {
        return agent == null ? List.of() : List.of(agent);
    }
}

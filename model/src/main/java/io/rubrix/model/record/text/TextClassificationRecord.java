package io.rubrix.model.record.text;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.Metadata;
import io.rubrix.model.record.PredictionStatus;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.validation.Violation;

/**
 * A text-classification record: named text inputs, labels predicted by a model and/or annotated by a person,
 * single or multi label, with optional token attributions per input as explanation.
 */
@JsonPropertyOrder({"id", "metadata", "event_timestamp", "status", "prediction", "annotation", "inputs",
        "multi_label", "explanation", "last_updated", "predicted"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextClassificationRecord(
        @JsonProperty("id") RecordId id,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("event_timestamp") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant eventTimestamp,
        @JsonProperty("status") RecordStatus status,
        @JsonProperty("prediction") TextClassificationAnnotation prediction,
        @JsonProperty("annotation") TextClassificationAnnotation annotation,
        @JsonProperty("inputs") Map<String, Object> inputs,
        @JsonProperty("multi_label") @JsonInclude(JsonInclude.Include.ALWAYS) boolean multiLabel,
        @JsonProperty("explanation") Map<String, List<TokenAttributions>> explanation,
        @JsonProperty("last_updated") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant lastUpdated,
        @JsonProperty("predicted") PredictionStatus predicted) implements TaskRecord {

    /** Rubrix assigns a multi-label class when its confidence is above this. */
    public static final double MULTI_LABEL_THRESHOLD = 0.5;

    public TextClassificationRecord {
        metadata = Metadata.flatten(metadata);
        status = status == null ? RecordStatus.Default : status;
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        explanation = explanation == null ? Map.of() : explanation;
    }

    @Override
    public Task task() {
        return Task.TextClassification;
    }

    @Override
    public List<Violation> violations() {
        return TextClassificationRules.check(this);
    }

    @Override
    public DerivedFields derive() {
        List<String> predictedAs = assignedLabels(prediction);
        List<String> annotatedAs = assignedLabels(annotation);
        return new DerivedFields(predictedAs, annotatedAs,
                DerivedFields.agents(predictionAgent()), DerivedFields.agents(annotationAgent()),
                agreement(predictedAs, annotatedAs), topConfidence(), words());
    }

    /** The labels an annotation assigns: the most confident one (single label) or all above 0.5 (multi label). */
    @JsonIgnore
    public List<String> assignedLabels(TextClassificationAnnotation labelling) {
        if (labelling == null || labelling.labels().isEmpty()) {
            return List.of();
        }
        if (multiLabel) {
            return labelling.labels().stream()
                    .filter(l -> l.confidence() > MULTI_LABEL_THRESHOLD)
                    .map(ClassPrediction::label).toList();
        }
        ClassPrediction top = labelling.labels().get(0);
        for (ClassPrediction label : labelling.labels()) {
            top = label.confidence() > top.confidence() ? label : top; // the first of equals wins, as max() did
        }
        return List.of(top.label());
    }

    private PredictionStatus agreement(List<String> predictedAs, List<String> annotatedAs) {
        if (prediction == null || annotation == null) {
            return null;
        }
        return sameLabels(predictedAs, annotatedAs) ? PredictionStatus.ok : PredictionStatus.ko;
    }

    /** The same labels in any order; single-label records, the common case, compare one label each. */
    private static boolean sameLabels(List<String> some, List<String> others) {
        if (some.size() <= 1 && others.size() <= 1) {
            return some.equals(others);
        }
        return new HashSet<>(some).equals(new HashSet<>(others));
    }

    private Double topConfidence() {
        if (prediction == null) {
            return null;
        }
        double top = Double.NEGATIVE_INFINITY;
        for (ClassPrediction label : prediction.labels()) {
            top = Math.max(top, label.confidence());
        }
        return prediction.labels().isEmpty() ? null : top;
    }

    private String words() {
        if (inputs.size() == 1 && inputs.values().iterator().next() instanceof String text) {
            return text; // the join of one text, without copying it
        }
        StringJoiner texts = new StringJoiner("\n");
        inputs.values().forEach(value -> {
            if (value instanceof List<?> list) {
                list.forEach(item -> texts.add(String.valueOf(item)));
            } else if (value != null) {
                texts.add(String.valueOf(value));
            }
        });
        return texts.toString();
    }

    @Override
    public TextClassificationRecord withIdIfMissing() {
        return id != null ? this : new TextClassificationRecord(RecordId.random(), metadata, eventTimestamp, status,
                prediction, annotation, inputs, multiLabel, explanation, lastUpdated, predicted);
    }

    @Override
    public TextClassificationRecord stampedAt(Instant now) {
        return new TextClassificationRecord(id, metadata, eventTimestamp, status, prediction, annotation, inputs,
                multiLabel, explanation, now, agreement(assignedLabels(prediction), assignedLabels(annotation)));
    }

    @Override
    public TextClassificationRecord keepingHumanWorkOf(TaskRecord stored) {
        if (hasAnnotation() || !(stored instanceof TextClassificationRecord previous) || !previous.carriesHumanWork()) {
            return this;
        }
        return withAnnotation(previous.annotation, previous.status);
    }

    @Override
    public boolean sameInputsAs(TaskRecord other) {
        return other instanceof TextClassificationRecord same && java.util.Objects.equals(inputs, same.inputs) && multiLabel == same.multiLabel;
    }

    @Override
    public TextClassificationRecord withAnnotationAgent(String agent) {
        return annotation == null ? this
                : withAnnotation(new TextClassificationAnnotation(agent, annotation.labels()), status);
    }

    /** This record with a machine's prediction instead of the one it had (its annotation and status stay). */
    public TextClassificationRecord withPrediction(TextClassificationAnnotation newPrediction) {
        return new TextClassificationRecord(id, metadata, eventTimestamp, status, newPrediction, annotation, inputs,
                multiLabel, explanation, lastUpdated, null);
    }

    /** This record labelled by a person: the annotation and the status it leaves. */
    public TextClassificationRecord withAnnotation(TextClassificationAnnotation newAnnotation, RecordStatus newStatus) {
        return new TextClassificationRecord(id, metadata, eventTimestamp, newStatus, prediction, newAnnotation,
                inputs, multiLabel, explanation, lastUpdated, predicted);
    }
}

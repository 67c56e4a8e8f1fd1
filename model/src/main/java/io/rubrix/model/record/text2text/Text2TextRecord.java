package io.rubrix.model.record.text2text;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import io.rubrix.model.record.StorableValues;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.validation.Violation;
import io.rubrix.model.validation.Violations;

/** A text-to-text record (summaries, translations): an input text, predicted sentences and a person's sentence. */
@JsonPropertyOrder({"id", "metadata", "event_timestamp", "status", "prediction", "annotation", "text",
        "last_updated", "predicted"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Text2TextRecord(
        @JsonProperty("id") RecordId id,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("event_timestamp") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant eventTimestamp,
        @JsonProperty("status") RecordStatus status,
        @JsonProperty("prediction") Text2TextAnnotation prediction,
        @JsonProperty("annotation") Text2TextAnnotation annotation,
        @JsonProperty("text") String text,
        @JsonProperty("last_updated") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant lastUpdated,
        @JsonProperty("predicted") PredictionStatus predicted) implements TaskRecord {

    public Text2TextRecord {
        metadata = Metadata.flatten(metadata);
        status = status == null ? RecordStatus.Default : status;
    }

    @Override
    public Task task() {
        return Task.Text2Text;
    }

    @Override
    public List<Violation> violations() {
        Violations violations = new Violations();
        StorableValues.check(violations, this);
        violations.requireText("text", text);
        checkSentences(violations, "prediction", prediction);
        checkSentences(violations, "annotation", annotation);
        return violations.list();
    }

    private static void checkSentences(Violations violations, String field, Text2TextAnnotation labelling) {
        if (labelling == null) {
            return;
        }
        violations.requireText(field + ".agent", labelling.agent());
        for (int i = 0; i < labelling.sentences().size(); i++) {
            Text2TextSentence sentence = labelling.sentences().get(i);
            String at = field + ".sentences[" + i + "]";
            if (sentence == null) {
                violations.add(at, "must not be null");
                continue;
            }
            violations.requireText(at + ".text", sentence.text());
            violations.requireUnitInterval(at + ".score", sentence.score());
        }
    }

    @Override
    public DerivedFields derive() {
        Optional<Text2TextSentence> best = bestPrediction();
        return new DerivedFields(List.of(), List.of(),
                DerivedFields.agents(predictionAgent()), DerivedFields.agents(annotationAgent()),
                agreement(), best.map(Text2TextSentence::score).orElse(null), text);
    }

    private Optional<Text2TextSentence> bestPrediction() {
        if (prediction == null) {
            return Optional.empty();
        }
        return prediction.sentences().stream()
                .max(Comparator.comparingDouble(s -> s.score() == null ? 0.0 : s.score()));
    }

    /** ok when the person kept the model's best sentence word for word. */
    private PredictionStatus agreement() {
        if (prediction == null || annotation == null || annotation.sentences().isEmpty()) {
            return null;
        }
        String written = annotation.sentences().get(0).text();
        return bestPrediction().filter(best -> best.text().strip().equals(written == null ? null : written.strip()))
                .map(best -> PredictionStatus.ok).orElse(PredictionStatus.ko);
    }

    @Override
    public Text2TextRecord withIdIfMissing() {
        return id != null ? this : new Text2TextRecord(RecordId.random(), metadata, eventTimestamp, status,
                prediction, annotation, text, lastUpdated, predicted);
    }

    @Override
    public Text2TextRecord stampedAt(Instant now) {
        return new Text2TextRecord(id, metadata, eventTimestamp, status, prediction, annotation, text, now, agreement());
    }

    @Override
    public Text2TextRecord keepingHumanWorkOf(TaskRecord stored) {
        if (hasAnnotation() || !(stored instanceof Text2TextRecord previous) || !previous.carriesHumanWork()) {
            return this;
        }
        return withAnnotation(previous.annotation, previous.status);
    }

    @Override
    public boolean sameInputsAs(TaskRecord other) {
        return other instanceof Text2TextRecord same && java.util.Objects.equals(text, same.text);
    }

    @Override
    public Text2TextRecord withAnnotationAgent(String agent) {
        return annotation == null ? this : withAnnotation(new Text2TextAnnotation(agent, annotation.sentences()), status);
    }

    /** This record labelled by a person: the annotation and the status it leaves. */
    public Text2TextRecord withAnnotation(Text2TextAnnotation newAnnotation, RecordStatus newStatus) {
        return new Text2TextRecord(id, metadata, eventTimestamp, newStatus, prediction, newAnnotation, text,
                lastUpdated, predicted);
    }
}

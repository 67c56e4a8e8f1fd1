package io.rubrix.model.record.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/** A token-classification record: a tokenised text with entity spans predicted and/or annotated over it. */
@JsonPropertyOrder({"id", "metadata", "event_timestamp", "status", "prediction", "annotation", "tokens", "raw_text",
        "last_updated", "predicted"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenClassificationRecord(
        @JsonProperty("id") RecordId id,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("event_timestamp") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant eventTimestamp,
        @JsonProperty("status") RecordStatus status,
        @JsonProperty("prediction") TokenClassificationAnnotation prediction,
        @JsonProperty("annotation") TokenClassificationAnnotation annotation,
        @JsonProperty("tokens") List<String> tokens,
        @JsonProperty("raw_text") String rawText,
        @JsonProperty("last_updated") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant lastUpdated,
        @JsonProperty("predicted") PredictionStatus predicted) implements TaskRecord {

    public TokenClassificationRecord {
        metadata = Metadata.flatten(metadata);
        status = status == null ? RecordStatus.Default : status;
        tokens = tokens == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tokens));
    }

    @Override
    public Task task() {
        return Task.TokenClassification;
    }

    @Override
    public List<Violation> violations() {
        return TokenClassificationRules.check(this);
    }

    @Override
    public DerivedFields derive() {
        return new DerivedFields(labelsOf(prediction), labelsOf(annotation),
                DerivedFields.agents(predictionAgent()), DerivedFields.agents(annotationAgent()),
                agreement(), prediction == null ? null : prediction.score(), rawText);
    }

    private static List<String> labelsOf(TokenClassificationAnnotation labelling) {
        return labelling == null ? List.of()
                : labelling.entities().stream().map(EntitySpan::label).distinct().toList();
    }

    /** ok when the predicted entities are exactly the annotated ones (same spans, same labels). */
    private PredictionStatus agreement() {
        if (prediction == null || annotation == null) {
            return null;
        }
        return spans(prediction).equals(spans(annotation)) ? PredictionStatus.ok : PredictionStatus.ko;
    }

    private static Set<EntitySpan> spans(TokenClassificationAnnotation labelling) {
        Set<EntitySpan> spans = new HashSet<>();
        labelling.entities().forEach(span -> spans.add(span == null ? null : span.withoutScore()));
        return spans;
    }

    @Override
    public TokenClassificationRecord withIdIfMissing() {
        return id != null ? this : new TokenClassificationRecord(RecordId.random(), metadata, eventTimestamp, status,
                prediction, annotation, tokens, rawText, lastUpdated, predicted);
    }

    @Override
    public TokenClassificationRecord stampedAt(Instant now) {
        return new TokenClassificationRecord(id, metadata, eventTimestamp, status, prediction, annotation, tokens,
                rawText, now, agreement());
    }

    @Override
    public TokenClassificationRecord keepingHumanWorkOf(TaskRecord stored) {
        if (hasAnnotation() || !(stored instanceof TokenClassificationRecord previous) || !previous.carriesHumanWork()) {
            return this;
        }
        return withAnnotation(previous.annotation, previous.status);
    }

    @Override
    public boolean sameInputsAs(TaskRecord other) {
        return other instanceof TokenClassificationRecord same && java.util.Objects.equals(tokens, same.tokens) && java.util.Objects.equals(rawText, same.rawText);
    }

    @Override
    public TokenClassificationRecord withAnnotationAgent(String agent) {
        return annotation == null ? this
                : withAnnotation(new TokenClassificationAnnotation(agent, annotation.entities(), annotation.score()), status);
    }

    /** This record with a machine's prediction instead of the one it had (its annotation and status stay). */
    public TokenClassificationRecord withPrediction(TokenClassificationAnnotation newPrediction) {
        return new TokenClassificationRecord(id, metadata, eventTimestamp, status, newPrediction, annotation, tokens,
                rawText, lastUpdated, null);
    }

    /** This record labelled by a person: the annotation and the status it leaves. */
    public TokenClassificationRecord withAnnotation(TokenClassificationAnnotation newAnnotation, RecordStatus newStatus) {
        return new TokenClassificationRecord(id, metadata, eventTimestamp, newStatus, prediction, newAnnotation,
                tokens, rawText, lastUpdated, predicted);
    }
}

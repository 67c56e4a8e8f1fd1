package io.rubrix.common.json;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.AnnotationState;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.error.Problem;
import io.rubrix.model.kafka.RecordEnvelope;
import io.rubrix.model.monitor.WindowSpan;
import io.rubrix.model.monitor.Bin;
import io.rubrix.model.monitor.Distribution;
import io.rubrix.model.monitor.DriftAlert;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.MeasureResult;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.MonitorRequest;
import io.rubrix.model.monitor.Reference;
import io.rubrix.model.monitor.Webhook;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text.TokenAttributions;
import io.rubrix.model.record.text2text.Text2TextAnnotation;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.text2text.Text2TextSentence;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.rules.WeakLabelSettings;
import io.rubrix.model.team.Claim;
import io.rubrix.model.team.Response;
import io.rubrix.model.team.Review;
import io.rubrix.model.team.Team;
import io.rubrix.model.team.TeamSettings;

/**
 * The wire model (module {@code model}, which depends on no Quarkus artifact so that the SDK and the CLI carry none)
 * registered for reflection in the services' native images: our own code hands these types to an ObjectMapper
 * (Elasticsearch documents, Kafka envelopes and events), which Quarkus does not see. {@code NativeReadinessTest}
 * checks every JSON type of the model is listed here.
 */
@RegisterForReflection(targets = {
        AnnotationEvent.class,
        AnnotationState.class,
        Dataset.class,
        DatasetSettings.class,
        LabelingRule.class,
        Monitor.class,
        MonitorRequest.class,
        Reference.class,
        Measure.class,
        Webhook.class,
        Bin.class,
        Distribution.class,
        MeasureResult.class,
        DriftAlert.class,
        WindowSpan.class,
        Evaluation.class,
        WeakLabelSettings.class,
        WeakLabelSettings.Learnt.class,
        FieldError.class,
        Problem.class,
        RecordEnvelope.class,
        RecordQuery.class,
        RecordQuery.ScoreRange.class,
        RecordQuery.TeamFilter.class,
        DerivedFields.class,
        RecordId.class,
        Timestamps.Reader.class,
        Timestamps.Writer.class,
        ClassPrediction.class,
        TextClassificationAnnotation.class,
        TextClassificationRecord.class,
        TokenAttributions.class,
        Text2TextAnnotation.class,
        Text2TextRecord.class,
        Text2TextSentence.class,
        EntitySpan.class,
        TokenClassificationAnnotation.class,
        TokenClassificationRecord.class,
        DatasetSnapshot.class,
        Claim.class,
        Response.class,
        Review.class,
        Team.class,
        TeamSettings.class
})
public final class ModelReflection {

    private ModelReflection() {
    }
}

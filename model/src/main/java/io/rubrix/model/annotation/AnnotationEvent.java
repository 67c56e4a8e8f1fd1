package io.rubrix.model.annotation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Task;
import io.rubrix.model.record.Timestamps;

/**
 * One human action on one record, as kept in the history index; those that change the record are published on topic
 * {@code rubrix.annotations} (key: {@code <workspace>/<dataset>/<record_id>}, so that a record's events stay in
 * order in one partition). {@code event_id} is unique: a consumer that sees an event twice (at-least-once
 * delivery) drops the copy by it.
 *
 * <pre>{"event_id": "7f0c…", "action": "annotate", "at": "2026-11-28T10:00:00Z", "agent": "ana",
 *  "workspace": "team-a", "dataset": "news", "task": "TextClassification", "record_id": "r1",
 *  "record_version": "1.7", "job_id": null,
 *  "before": {"status": "Default", "annotation": null},
 *  "after": {"status": "Validated", "annotation": {"agent": "ana", "labels": [{"class": "Sports", "confidence": 1.0}]}}}</pre>
 *
 * A comment is kept in the history beside the label changes but is not published on the topic (ADR 0004): it changes
 * nothing of the record, so {@code before} and {@code after} are null and {@code text} holds the note.
 *
 * <pre>{"event_id": "9a41…", "action": "comment", "at": "2026-11-28T10:02:00Z", "agent": "ana",
 *  "workspace": "team-a", "dataset": "news", "task": "TextClassification", "record_id": "r1",
 *  "record_version": "1.7", "job_id": null, "before": null, "after": null, "text": "ambiguous: sarcasm?"}</pre>
 *
 * @param action        {@code annotate} (annotation or status changed), {@code import} (a person logged the record
 *                      with an annotation or status through {@code :bulk}), {@code delete} (the record was
 *                      removed; {@code after} is null) or {@code comment} (a person's note on the record)
 * @param recordVersion the record's version after the action (null after a delete; for a comment, the version the
 *                      record was at when the comment was written)
 * @param jobId         the bulk job that acted, null for a single-record write
 * @param text          the comment's text; absent from every other action (and so from every published event)
 */
@JsonPropertyOrder({"event_id", "action", "at", "agent", "workspace", "dataset", "task", "record_id",
        "record_version", "job_id", "before", "after", "text"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnnotationEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("action") Action action,
        @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant at,
        @JsonProperty("agent") String agent,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("task") Task task,
        @JsonProperty("record_id") String recordId,
        @JsonProperty("record_version") String recordVersion,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("before") AnnotationState before,
        @JsonProperty("after") AnnotationState after,
        @JsonProperty("text") @JsonInclude(JsonInclude.Include.NON_NULL) String text) {

    public static final String TOPIC = "rubrix.annotations";

    public enum Action {
        annotate(true),
        @JsonProperty("import")
        imported(true),
        delete(true),
        comment(false);

        private final boolean changesRecord;

        Action(boolean changesRecord) {
            this.changesRecord = changesRecord;
        }

        /**
         * Whether the action changes the record (what people decided about it, or its existence): those are the
         * label events published on {@value AnnotationEvent#TOPIC} and counted as labelling by the monitoring
         * series. A comment changes nothing.
         */
        public boolean changesRecord() {
            return changesRecord;
        }

        /** The actions that change a record, the labelling actions. */
        public static List<Action> recordChanges() {
            return Arrays.stream(values()).filter(Action::changesRecord).toList();
        }
    }

    /** The Kafka key: one partition per record keeps its events in order. */
    public String key() {
        return workspace + "/" + dataset + "/" + recordId;
    }
}

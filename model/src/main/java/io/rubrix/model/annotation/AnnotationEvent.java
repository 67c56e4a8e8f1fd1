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
import io.rubrix.model.team.Response;

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
 * A team's work (ADR 0012) adds two actions. {@code respond}: a person's own response changed; {@code before} and
 * {@code after} are that response's state (status {@code Edited} for a draft, {@code Validated} submitted,
 * {@code Discarded} discarded, {@code Default} none), and when the response changes the record's annotation by the
 * dataset's rule an {@code annotate} event by the same person follows. {@code review}: a reviewer decided the record's
 * annotation; {@code before} and {@code after} are the record's, and {@code responses} lists every response the
 * reviewer saw, with its author.
 *
 * <pre>{"event_id": "c2d9…", "action": "review", "at": "2026-12-06T10:00:00Z", "agent": "rita", ...,
 *  "before": {"status": "Default", "annotation": null},
 *  "after": {"status": "Validated", "annotation": {"agent": "rita", "labels": [{"class": "Sports", "confidence": 1.0}]}},
 *  "responses": [{"user": "ana", "status": "submitted", "annotation": {...}, "at": "...", "version": 1}, ...]}</pre>
 *
 * @param action        {@code annotate} (annotation or status changed), {@code import} (a person logged the record
 *                      with an annotation or status through {@code :bulk}), {@code delete} (the record was
 *                      removed; {@code after} is null), {@code comment} (a person's note on the record),
 *                      {@code respond} or {@code review}
 * @param recordVersion the record's version after the action (null after a delete; for a comment, the version the
 *                      record was at when the comment was written)
 * @param jobId         the bulk job that acted, null for a single-record write
 * @param text          the comment's text; absent from every other action (and so from every published event)
 * @param responses     a review's responses; absent from every other action
 */
@JsonPropertyOrder({"event_id", "action", "at", "agent", "workspace", "dataset", "task", "record_id",
        "record_version", "job_id", "before", "after", "text", "responses"})
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
        @JsonProperty("text") @JsonInclude(JsonInclude.Include.NON_NULL) String text,
        @JsonProperty("responses") @JsonInclude(JsonInclude.Include.NON_NULL) List<Response> responses) {

    public static final String TOPIC = "rubrix.annotations";

    public enum Action {
        annotate(true),
        @JsonProperty("import")
        imported(true),
        delete(true),
        comment(false),
        respond(true),
        review(true);

        private final boolean changesRecord;

        Action(boolean changesRecord) {
            this.changesRecord = changesRecord;
        }

        /**
         * Whether the action changes the record (what people decided about it or answered to it, or its existence):
         * those are the label events published on {@value AnnotationEvent#TOPIC}. A comment changes nothing.
         */
        public boolean changesRecord() {
            return changesRecord;
        }

        /**
         * The actions that decide a record's annotation or its existence, as the monitoring series count labelling:
         * not a comment, and not a team member's response (their own answer, counted by the team's agreement
         * figures), which, when it changes the annotation by the dataset's rule, is followed by an {@code annotate}
         * event that is counted.
         */
        public static List<Action> decisions() {
            return List.of(annotate, imported, delete, review);
        }
    }

    public AnnotationEvent(String eventId, Action action, Instant at, String agent, String workspace, String dataset,
            Task task, String recordId, String recordVersion, String jobId, AnnotationState before, AnnotationState after,
            String text) {
        this(eventId, action, at, agent, workspace, dataset, task, recordId, recordVersion, jobId, before, after, text,
                null);
    }

    /** This event with the record's version after it: an event prepared before the write that gives it. */
    public AnnotationEvent withRecordVersion(String version) {
        return new AnnotationEvent(eventId, action, at, agent, workspace, dataset, task, recordId, version, jobId, before,
                after, text, responses);
    }

    /** The Kafka key: one partition per record keeps its events in order. */
    public String key() {
        return workspace + "/" + dataset + "/" + recordId;
    }
}

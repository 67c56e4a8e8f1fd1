package io.rubrix.model.annotation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Task;
import io.rubrix.model.record.Timestamps;

/**
 * One human action on one record, as kept in the history index and published on topic
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
 * @param action        {@code annotate} (annotation or status changed), {@code import} (a person logged the record
 *                      with an annotation or status through {@code :bulk}) or {@code delete} (the record was
 *                      removed; {@code after} is null)
 * @param recordVersion the record's version after the action (null after a delete)
 * @param jobId         the bulk job that acted, null for a single-record write
 */
@JsonPropertyOrder({"event_id", "action", "at", "agent", "workspace", "dataset", "task", "record_id",
        "record_version", "job_id", "before", "after"})
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
        @JsonProperty("after") AnnotationState after) {

    public static final String TOPIC = "rubrix.annotations";

    public enum Action {
        annotate,
        @JsonProperty("import")
        imported,
        delete
    }

    /** The Kafka key: one partition per record keeps its events in order. */
    public String key() {
        return workspace + "/" + dataset + "/" + recordId;
    }
}

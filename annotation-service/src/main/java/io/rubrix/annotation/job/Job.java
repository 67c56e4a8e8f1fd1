package io.rubrix.annotation.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.Timestamps;

/**
 * A bulk change over many records (label them, or delete them) and how far it got. Kept in the jobs index, so
 * any replica reports it and cancels it. {@code done + failed + conflicts} records of {@code total} were handled;
 * {@code conflicts} are records someone changed while the job ran (left as they were, listed in
 * {@code conflicted_ids}, first {@value #SAMPLE} only).
 */
@JsonPropertyOrder({"id", "kind", "state", "workspace", "dataset", "task", "created_by", "created_at",
        "finished_at", "total", "done", "failed", "conflicts", "conflicted_ids", "errors", "cancel_requested", "message",
        "outcome"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record Job(
        @JsonProperty("id") String id,
        @JsonProperty("kind") Kind kind,
        @JsonProperty("state") State state,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("task") Task task,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant createdAt,
        @JsonProperty("finished_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant finishedAt,
        @JsonProperty("total") long total,
        @JsonProperty("done") long done,
        @JsonProperty("failed") long failed,
        @JsonProperty("conflicts") long conflicts,
        @JsonProperty("conflicted_ids") List<String> conflictedIds,
        @JsonProperty("errors") List<RecordError> errors,
        @JsonProperty("cancel_requested") boolean cancelRequested,
        @JsonProperty("message") String message,
        @JsonProperty("outcome") Map<String, Object> outcome) {

    /** How many conflicted ids and errors a job keeps. */
    public static final int SAMPLE = 100;

    public enum Kind {
        annotate,
        delete,
        /** A label model's weak labels written as predictions (ADR 0013). */
        weak_labels
    }

    public enum State {
        running,
        done,
        cancelled,
        failed;

        public boolean finished() {
            return this != running;
        }
    }

    /** Why one record was not changed. */
    @JsonPropertyOrder({"id", "field", "reason"})
    @RegisterForReflection
    public record RecordError(@JsonProperty("id") String id, @JsonProperty("field") String field,
            @JsonProperty("reason") String reason) {
    }

    public Job {
        conflictedIds = conflictedIds == null ? List.of() : List.copyOf(conflictedIds);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Job started(String id, Kind kind, String workspace, String dataset, Task task, String createdBy,
            long total, Instant now) {
        return new Job(id, kind, State.running, workspace, dataset, task, createdBy, now, null, total, 0, 0, 0,
                List.of(), List.of(), false, null, null);
    }

    public Job withProgress(JobProgress progress) {
        return new Job(id, kind, state, workspace, dataset, task, createdBy, createdAt, finishedAt, total,
                progress.done(), progress.failed(), progress.conflicts(), progress.conflictedIds(), progress.errors(),
                cancelRequested, message, outcome);
    }

    public Job finished(State end, String why, Instant now) {
        return new Job(id, kind, end, workspace, dataset, task, createdBy, createdAt, now, total, done, failed,
                conflicts, conflictedIds, errors, cancelRequested, why, outcome);
    }

    /** What the job found besides its counts (a label model's figures). */
    public Job withOutcome(Map<String, Object> found) {
        return new Job(id, kind, state, workspace, dataset, task, createdBy, createdAt, finishedAt, total, done, failed,
                conflicts, conflictedIds, errors, cancelRequested, message, found);
    }
}

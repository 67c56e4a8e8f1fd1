package io.rubrix.common.annotation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.annotation.AnnotationEvent.Action;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.annotation.AnnotationState;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.team.Response;

/** Builds the history entry of one human action. */
@ApplicationScoped
public class HistoryEvents {

    private final ObjectMapper json;

    public HistoryEvents(ObjectMapper json) {
        this.json = json;
    }

    /** {@code agent} changed the record from {@code before} to {@code after}, which is now at {@code version}. */
    public HistoryEntry annotated(String workspace, String dataset, TaskRecord before, TaskRecord after,
            RecordVersion version, String agent, String jobId, Instant at) {
        return entry(Action.annotate, workspace, dataset, before, after, version, agent, jobId, at);
    }

    /**
     * The event of {@code agent}'s job {@code jobId} changing {@code before} to {@code after} (null: deleting it),
     * prepared before the write: {@link #written} completes it with the version the write gives.
     */
    public AnnotationEvent changing(String workspace, String dataset, TaskRecord before, TaskRecord after, String agent,
            String jobId, Instant at) {
        Action action = after == null ? Action.delete : Action.annotate;
        return new AnnotationEvent(UUID.randomUUID().toString(), action, at, agent, workspace, dataset, before.task(),
                before.id().value(), null, jobId, state(before), after == null ? null : state(after), null);
    }

    /**
     * A prepared event ({@link #changing}) whose write is done: the record is at {@code version} after it, or, after
     * a delete, the delete took sequence number {@code version.seqNo()}.
     */
    public static HistoryEntry written(AnnotationEvent prepared, RecordVersion version) {
        AnnotationEvent event = prepared.action() == Action.delete ? prepared
                : prepared.withRecordVersion(version.toString());
        return new HistoryEntry(event, version.seqNo());
    }

    /** Whether {@code record} is as {@code state} (as written, or read back) says: its status and annotation. */
    public boolean isIn(TaskRecord record, AnnotationState state) {
        AnnotationState now = state(record);
        return now.status() == state.status() && Objects.equals(orNull(now.annotation()), orNull(state.annotation()));
    }

    /** A JSON null read back (a {@code NullNode}) as the absent annotation it was written for. */
    private static JsonNode orNull(JsonNode annotation) {
        return annotation == null || annotation.isNull() ? null : annotation;
    }

    /**
     * {@code agent} logged {@code after}, which carries a person's work, over {@code before} (null for a new record)
     * through {@code :bulk}; the record is now at {@code version}.
     */
    public HistoryEntry imported(String workspace, String dataset, TaskRecord before, TaskRecord after,
            RecordVersion version, String agent, Instant at) {
        return entry(Action.imported, workspace, dataset, before, after, version, agent, null, at);
    }

    private HistoryEntry entry(Action action, String workspace, String dataset, TaskRecord before, TaskRecord after,
            RecordVersion version, String agent, String jobId, Instant at) {
        AnnotationEvent event = new AnnotationEvent(UUID.randomUUID().toString(), action, at, agent,
                workspace, dataset, after.task(), after.id().value(), version.toString(), jobId, state(before),
                state(after), null);
        return new HistoryEntry(event, version.seqNo());
    }

    /** Whether {@code after} changed what people decided about the record (its status or annotation). */
    public boolean changesHumanWork(TaskRecord before, TaskRecord after) {
        return !state(before).equals(state(after));
    }

    /**
     * {@code agent} wrote {@code text} on {@code record}, which is at {@code version}: a note that changes nothing of
     * the record (no {@code before}, no {@code after}), ordered among its label changes by that version.
     */
    public HistoryEntry commented(String workspace, String dataset, TaskRecord record, RecordVersion version,
            String agent, String text, Instant at) {
        AnnotationEvent event = new AnnotationEvent(UUID.randomUUID().toString(), Action.comment, at, agent,
                workspace, dataset, record.task(), record.id().value(), version.toString(), null, null, null, text);
        return new HistoryEntry(event, version.seqNo());
    }

    /**
     * {@code user}'s own response to {@code record} went from {@code before} (null: none) to {@code after}; the record
     * is now at {@code version}.
     */
    public HistoryEntry responded(String workspace, String dataset, TaskRecord record, RecordVersion version,
            String user, Response before, Response after, Instant at) {
        AnnotationEvent event = new AnnotationEvent(UUID.randomUUID().toString(), Action.respond, at, user, workspace,
                dataset, record.task(), record.id().value(), version.toString(), null, state(before), state(after),
                null);
        return new HistoryEntry(event, version.seqNo());
    }

    /** {@code reviewer} decided the record's annotation ({@code before} to {@code after}) over {@code responses}. */
    public HistoryEntry reviewed(String workspace, String dataset, TaskRecord before, TaskRecord after,
            RecordVersion version, String reviewer, List<Response> responses, Instant at) {
        AnnotationEvent event = new AnnotationEvent(UUID.randomUUID().toString(), Action.review, at, reviewer,
                workspace, dataset, after.task(), after.id().value(), version.toString(), null, state(before),
                state(after), null, responses);
        return new HistoryEntry(event, version.seqNo());
    }

    /** A response's state in an event: a draft shows as {@code Edited}, an answer as the record status it gives. */
    private static AnnotationState state(Response response) {
        if (response == null) {
            return new AnnotationState(RecordStatus.Default, null);
        }
        RecordStatus status = switch (response.status()) {
            case draft -> RecordStatus.Edited;
            case submitted -> RecordStatus.Validated;
            case discarded -> RecordStatus.Discarded;
        };
        return new AnnotationState(status, response.annotation());
    }

    private AnnotationState state(TaskRecord record) {
        if (record == null) {
            return new AnnotationState(io.rubrix.model.record.RecordStatus.Default, null);
        }
        return new AnnotationState(record.status(),
                record.annotation() == null ? null : json.valueToTree(record.annotation()));
    }
}

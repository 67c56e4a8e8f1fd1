package io.rubrix.annotation.history;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.record.RecordVersion;
import io.rubrix.common.annotation.AnnotationEvent;
import io.rubrix.common.annotation.AnnotationEvent.Action;
import io.rubrix.common.annotation.AnnotationState;
import io.rubrix.common.record.TaskRecord;

/** Builds the history entry of one human action. */
@ApplicationScoped
public class Events {

    private final ObjectMapper json;

    public Events(ObjectMapper json) {
        this.json = json;
    }

    /** {@code agent} changed the record from {@code before} to {@code after}, which is now at {@code version}. */
    public HistoryEntry annotated(String workspace, String dataset, TaskRecord before, TaskRecord after,
            RecordVersion version, String agent, String jobId, Instant at) {
        AnnotationEvent event = new AnnotationEvent(UUID.randomUUID().toString(), Action.annotate, at, agent,
                workspace, dataset, after.task(), after.id().value(), version.toString(), jobId, state(before),
                state(after));
        return new HistoryEntry(event, version.seqNo());
    }

    /** {@code agent} deleted the record, as {@code before}; {@code seqNo} is the sequence number of the delete. */
    public HistoryEntry deleted(String workspace, String dataset, TaskRecord before, long seqNo, String agent,
            String jobId, Instant at) {
        AnnotationEvent event = new AnnotationEvent(UUID.randomUUID().toString(), Action.delete, at, agent,
                workspace, dataset, before.task(), before.id().value(), null, jobId, state(before), null);
        return new HistoryEntry(event, seqNo);
    }

    private AnnotationState state(TaskRecord record) {
        return new AnnotationState(record.status(),
                record.annotation() == null ? null : json.valueToTree(record.annotation()));
    }
}

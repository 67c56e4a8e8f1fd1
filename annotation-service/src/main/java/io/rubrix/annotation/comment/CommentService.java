package io.rubrix.annotation.comment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.label.LabelService;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * A person's note on a record, kept in the record's history among its label changes. It changes nothing of the
 * record, so it needs no version: the record only has to exist in a dataset of the caller's workspace.
 */
@ApplicationScoped
public class CommentService {

    private final LabelService labels;
    private final RecordStore records;
    private final HistoryStore history;
    private final HistoryEvents events;
    private final IndexLayout layout;

    public CommentService(LabelService labels, RecordStore records, HistoryStore history, HistoryEvents events,
            IndexLayout layout) {
        this.labels = labels;
        this.records = records;
        this.history = history;
        this.events = events;
        this.layout = layout;
    }

    /** {@code agent} comments {@code text} (already checked) on record {@code id}: 404 for a dataset or record not there. */
    public Uni<Comment> comment(String workspace, String name, Task task, String id, String text, String agent) {
        return labels.dataset(workspace, name, task)
                .chain(dataset -> records.get(layout.recordsIndex(workspace, name), task, id))
                .chain(current -> {
                    HistoryEntry entry = events.commented(workspace, name, current.record(), current.version(), agent,
                            text, Instant.now());
                    return append(entry).replaceWith(Comment.of(entry.event()));
                });
    }

    /** Retried as a label's history entry is; the same event id makes a retry overwrite, never duplicate. */
    private Uni<Void> append(HistoryEntry entry) {
        return history.append(List.of(entry))
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().transform(e -> new StorageUnavailable("The comment could not be saved: " + e.getMessage(), e));
    }
}

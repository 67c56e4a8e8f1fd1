package io.rubrix.annotation.label;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.StaleVersionException;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.Problem;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;

/**
 * Labels one record: the write happens only over the version the person saw, so two people never overwrite
 * each other without knowing; the loser gets a 409 with the record as it is now. Every change is appended to
 * the history (the outbox of label events).
 */
@ApplicationScoped
public class LabelService {

    private final DatasetStore datasets;
    private final RecordStore records;
    private final Annotator annotator;
    private final HistoryStore history;
    private final HistoryEvents events;
    private final IndexLayout layout;

    public LabelService(DatasetStore datasets, RecordStore records, Annotator annotator, HistoryStore history,
            HistoryEvents events, IndexLayout layout) {
        this.datasets = datasets;
        this.records = records;
        this.annotator = annotator;
        this.history = history;
        this.events = events;
        this.layout = layout;
    }

    /** The dataset, checked to be of {@code task}: 404 outside the caller's workspace, 400 for another task. */
    public Uni<Dataset> dataset(String workspace, String name, Task task) {
        return datasets.require(workspace, name).invoke(dataset -> dataset.requireTask(task));
    }

    /**
     * The dataset, for a write of records' annotations themselves: in a dataset where several people answer each
     * record (ADR 0012) an annotator's labels are their response, and the annotation is the team's rule's or a
     * reviewer's, so only an admin ({@code decides}) writes it directly (403 otherwise).
     */
    public Uni<Dataset> datasetToLabel(String workspace, String name, Task task, boolean decides) {
        return dataset(workspace, name, task).invoke(dataset -> {
            int required = dataset.teamSettings().minSubmitted();
            if (required > 1 && !decides) {
                throw new ApiException(Problem.of(403, "Forbidden", "In dataset '" + name + "' each record is answered "
                        + "by " + required + " people: write your labels as your response (PUT .../records/{id}/"
                        + "responses/me); a record's annotation is decided by the dataset's rule or a reviewer"));
            }
        });
    }

    /** The record with its version, for a client that has none yet. */
    public Uni<LabelledRecord> read(String workspace, String name, Task task, String id) {
        return dataset(workspace, name, task)
                .chain(dataset -> records.get(layout.recordsIndex(workspace, name), task, id))
                .map(found -> new LabelledRecord(found.version().toString(), found.record()));
    }

    public Uni<LabelledRecord> label(String workspace, String name, Task task, String id, LabelChange change,
            RecordVersion seen, String agent, boolean decides, String refresh) {
        change.requireValid("");
        String index = layout.recordsIndex(workspace, name);
        // The descriptor (404 outside the caller's workspaces, the schema) is read while the record is: the index
        // name holds the caller's workspace, so the record read cannot reach another workspace's records.
        Uni<Dataset> descriptor = datasetToLabel(workspace, name, task, decides);
        Uni<Optional<VersionedRecord>> stored = records.find(index, task, id);
        return Uni.combine().all().unis(descriptor, stored).asTuple().chain(both -> {
            Dataset dataset = both.getItem1();
            VersionedRecord current = both.getItem2().orElseThrow(() -> RecordStore.missing(id));
            if (!current.version().equals(seen)) {
                return Uni.createFrom().failure(conflict(current));
            }
            Instant now = Instant.now();
            TaskRecord changed = annotator.apply(current.record(), change, agent, dataset.labelSchema(), "")
                    .stampedAt(now);
            return records.replace(index, changed, RecordDocument.decidedDirectly(current.team()), seen, refresh)
                    .onFailure(StaleVersionException.class).recoverWithUni(stale -> records.get(index, task, id)
                            .chain(now2 -> Uni.createFrom().failure(conflict(now2))))
                    .call(version -> history.appendAfterWrite(List.of(events.annotated(workspace, name,
                            current.record(), changed, version, agent, null, now)), "The label was saved"))
                    .map(version -> new LabelledRecord(version.toString(), changed));
        });
    }

    private static ApiException conflict(VersionedRecord current) {
        return new ApiException(Problem.of(409, "Conflict",
                "Record '" + current.record().id().value() + "' was changed by someone else (now at version "
                        + current.version() + "); the answer holds it as it is now")
                .with("version", current.version().toString())
                .with("record", current.record()));
    }
}

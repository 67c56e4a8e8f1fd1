package io.rubrix.ingest.records;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.HistoryIndex;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;

/**
 * Writes records that a person logs with their work on them (an annotation or a status): each replaces the stored
 * record as sent, at the version it was read ({@code if_seq_no}; read again and retried when someone changed it
 * meanwhile), and each change to what people decided about a record is appended to the label history as an
 * {@code import} by that person, as labels from annotation-service are. So a re-log is never a silent rewrite of a
 * human label, and the same record logged twice leaves one history entry.
 */
@ApplicationScoped
public class LabelledRecordWriter {

    private final RecordsIndex recordsIndex;
    private final RecordWriter records;
    private final HistoryIndex history;
    private final HistoryEvents events;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public LabelledRecordWriter(RecordsIndex recordsIndex, RecordWriter records, HistoryIndex history,
            HistoryEvents events, ObjectMapper json) {
        this.recordsIndex = recordsIndex;
        this.records = records;
        this.history = history;
        this.events = events;
        this.json = json;
    }

    /** Where the records go, and who logs them (the agent of the history entries). */
    public record Target(String workspace, String dataset, String index, Task task, String agent) {
    }

    /** Writes {@code labelled} (a later record with the same id wins) and answers the ones that failed. */
    public Uni<List<WriteFailure>> write(Target target, List<TaskRecord> labelled, boolean refresh) {
        return Slices.write(labelled, refresh, (slice, refreshSlice) -> {
            Map<String, TaskRecord> pending = new LinkedHashMap<>();
            slice.forEach(record -> pending.put(record.id().value(), record));
            List<HistoryEntry> imported = new ArrayList<>();
            List<WriteFailure> failures = new ArrayList<>();
            return attempt(target, pending, refreshSlice, 1, imported, failures)
                    .chain(() -> history.append(imported).onFailure().transform(e -> StorageUnavailable.partlyWritten(
                            "The records were written, but their history entries could not be", e)))
                    .replaceWith(failures);
        });
    }

    private Uni<Void> attempt(Target target, Map<String, TaskRecord> pending, boolean refresh, int attempt,
            List<HistoryEntry> imported, List<WriteFailure> failures) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return records.stored(target.index(), target.task(), pending.keySet()).chain(stored -> {
            NdjsonBody body = new NdjsonBody();
            List<TaskRecord> sent = new ArrayList<>();
            pending.forEach((id, record) -> {
                StoredRecord previous = stored.get(id);
                if (previous == null) {
                    body.action(json, "create", target.index(), id);
                } else {
                    body.action(json, "index", target.index(), id, previous.seqNo(), previous.primaryTerm());
                }
                TaskRecord written = record.stampedAt(now);
                RecordDocument.appendTo(body, json, written, previous == null ? null : previous.team());
                sent.add(written);
            });
            return recordsIndex.bulkItems(body, refresh)
                    .chain(answer -> {
                        Map<String, TaskRecord> retry = new LinkedHashMap<>();
                        JsonNode items = answer.path("items");
                        for (int i = 0; i < sent.size(); i++) {
                            JsonNode item = items.path(i).elements().next();
                            TaskRecord written = sent.get(i);
                            String id = written.id().value();
                            int status = item.path("status").asInt();
                            StoredRecord previous = stored.get(id);
                            TaskRecord before = previous == null ? null : previous.record();
                            if (status < 300) {
                                if (events.changesHumanWork(before, written)) {
                                    imported.add(events.imported(target.workspace(), target.dataset(), before,
                                            written, RecordVersion.of(item), target.agent(), now));
                                }
                            } else if ((status == 409 || ElasticsearchException.isTransientStatus(status))
                                    && attempt < RecordWriter.MAX_ATTEMPTS) {
                                retry.put(id, pending.get(id));
                            } else {
                                failures.add(RecordWriter.failureOf(id, status, item.path("error")));
                            }
                        }
                        return attempt(target, retry, refresh, attempt + 1, imported, failures);
                    });
        });
    }
}

package io.rubrix.annotation.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.job.Job.Kind;
import io.rubrix.annotation.job.Job.State;
import io.rubrix.annotation.label.Annotator;
import io.rubrix.annotation.label.LabelChange;
import io.rubrix.annotation.label.LabelService;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;

/**
 * Labels or deletes many records as a job: a point-in-time scan of the selected records, a page at a time, each
 * page one {@code _bulk} whose writes happen only at the version scanned (or the version the person saw), so
 * records changed meanwhile are reported as conflicts, never overwritten. Progress is saved after every page and
 * a cancel request is honoured before the next one. A selection by ids runs while the caller waits; a selection by
 * query runs in the background.
 */
@ApplicationScoped
public class BulkJobs {

    private final LabelService labels;
    private final Annotator annotator;
    private final RecordStore records;
    private final PointInTimeScan scan;
    private final RecordsIndex recordsIndex;
    private final HistoryStore history;
    private final HistoryEvents events;
    private final JobStore jobs;
    private final ObjectMapper json;

    public BulkJobs(LabelService labels, Annotator annotator, RecordStore records, PointInTimeScan scan,
            RecordsIndex recordsIndex, HistoryStore history, HistoryEvents events, JobStore jobs, ObjectMapper json) {
        this.labels = labels;
        this.annotator = annotator;
        this.records = records;
        this.scan = scan;
        this.recordsIndex = recordsIndex;
        this.history = history;
        this.events = events;
        this.jobs = jobs;
        this.json = json;
    }

    public Uni<Job> start(Kind kind, String workspace, String name, Task task, BulkRequest request, String agent,
            boolean decides) {
        JsonNode query = request.selection().toElasticsearch(task, json);
        LabelChange change = kind == Kind.annotate ? request.change() : null;
        Map<String, RecordVersion> seen = versionsSeen(request);
        String index = recordsIndex.name(workspace, name);
        Set<String> ids = request.byIds() ? new LinkedHashSet<>(request.ids()) : Set.of();
        return labels.datasetToLabel(workspace, name, task, decides)
                .invoke(dataset -> {
                    if (change != null) {
                        annotator.requireValidChange(task, change);
                        annotator.requireKnownLabels(task, change, dataset.labelSchema());
                    }
                })
                .chain(dataset -> count(index, query).chain(total -> {
                    Job job = Job.started(UUID.randomUUID().toString(), kind, workspace, name, task, agent,
                            request.byIds() ? ids.size() : total, Instant.now());
                    Run run = new Run(job, index, change, dataset.labelSchema(), seen, agent, ids);
                    return jobs.save(job).chain(() -> request.byIds() ? run.execute(query) : inBackground(run, query));
                }));
    }

    /** Starts the run without waiting for it; answers the job as saved, before its first page. */
    private Uni<Job> inBackground(Run run, JsonNode query) {
        Job job = run.job;
        run.execute(query).subscribe().with(
                finished -> Log.infof("Job %s (%s on %s/%s) ended %s: %d done, %d failed, %d conflicts", finished.id(),
                        finished.kind(), finished.workspace(), finished.dataset(), finished.state(), finished.done(),
                        finished.failed(), finished.conflicts()),
                failure -> Log.errorf(failure, "Job %s could not record its end", job.id()));
        return Uni.createFrom().item(job);
    }

    private Uni<Long> count(String index, JsonNode query) {
        return recordsIndex.count(index, query)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(0L)
                .onFailure(ElasticsearchException::refusedQuery)
                .transform(e -> ApiException.badRequest("query", ((ElasticsearchException) e).reason()));
    }

    private static Map<String, RecordVersion> versionsSeen(BulkRequest request) {
        Map<String, RecordVersion> seen = new HashMap<>();
        request.versionsSeen().forEach((id, version) -> seen.put(id, RecordVersion.parse(version, "versions." + id)));
        return seen;
    }

    /** One execution of a job: its progress lives here, touched by one page at a time. */
    private final class Run {

        private final Job job;
        private final String index;
        private final LabelChange change;
        private final List<String> schema;
        private final Map<String, RecordVersion> seen;
        private final String agent;
        private final JobProgress progress = new JobProgress();
        /** The ids asked for (empty for a query), and those the scan found: the rest are reported missing. */
        private final Set<String> ids;
        private final Set<String> visited = new HashSet<>();
        private boolean cancelSeen;
        private Throwable failure;

        Run(Job job, String index, LabelChange change, List<String> schema, Map<String, RecordVersion> seen,
                String agent, Set<String> ids) {
            this.job = job;
            this.ids = ids;
            this.index = index;
            this.change = change;
            this.schema = schema;
            this.seen = seen;
            this.agent = agent;
        }

        Uni<Job> execute(JsonNode query) {
            return scan.hitPages(index, query, "_shard_doc", List.of(), true)
                    // Stopping ends the reading only: a page being written is never cut off halfway (its records
                    // would change without their history events and without being counted).
                    .select().first(page -> !cancelSeen && failure == null)
                    // Two pages at a time: the next page is read and prepared while the last one is written. Both
                    // run on this request's event loop, so the progress needs no lock.
                    .onItem().transformToUni(page -> cancelRequested()
                            .chain(cancel -> cancel ? Uni.createFrom().voidItem()
                                    : handle(page).chain(() -> jobs.save(job.withProgress(progress))).replaceWithVoid())
                            .onFailure().invoke(e -> failure = failure == null ? e : failure)
                            .onFailure().recoverWithNull())
                    .merge(2)
                    .collect().last()
                    .onFailure().invoke(e -> failure = failure == null ? e : failure) // the scan itself failed
                    .onFailure().recoverWithNull()
                    .map(ignored -> {
                        if (failure != null) {
                            Log.errorf(failure, "Job %s failed", job.id());
                            return finished(State.failed, failure instanceof ElasticsearchException refused
                                    ? "Elasticsearch refused the job: " + refused.reason() : failure.getMessage());
                        }
                        return cancelSeen ? finished(State.cancelled, "cancelled on request")
                                : finished(State.done, null);
                    })
                    .call(() -> recordsIndex.refresh(index).onFailure().recoverWithNull())
                    .chain(jobs::save);
        }

        /** Whether someone asked to stop; once seen, the answer stays yes without asking again. */
        private Uni<Boolean> cancelRequested() {
            if (cancelSeen) {
                return Uni.createFrom().item(true);
            }
            return jobs.cancelRequested(job.id()).invoke(cancel -> cancelSeen = cancel);
        }

        private Job finished(State state, String message) {
            if (state == State.done) {
                ids.stream().filter(id -> !visited.contains(id))
                        .forEach(id -> progress.failed(id, "id", "no such record in this dataset"));
            }
            return job.withProgress(progress).finished(state, message, Instant.now());
        }

        private Uni<Void> handle(List<JsonNode> hits) {
            Instant now = Instant.now();
            NdjsonBody body = new NdjsonBody();
            List<VersionedRecord> written = new ArrayList<>();
            List<TaskRecord> after = new ArrayList<>();
            for (JsonNode hit : hits) {
                VersionedRecord current = records.read(job.task(), hit);
                String id = current.record().id().value();
                if (!ids.isEmpty()) {
                    visited.add(id); // only a selection by ids needs to know what was found
                }
                RecordVersion expected = seen.getOrDefault(id, current.version());
                if (!expected.equals(current.version())) {
                    progress.conflict(id);
                    continue;
                }
                long[] version = {expected.seqNo(), expected.primaryTerm()};
                if (change == null) {
                    body.action(json, "delete", index, id, version);
                    after.add(null);
                } else {
                    TaskRecord changed;
                    try {
                        changed = annotator.apply(current.record(), change, agent, schema, "").stampedAt(now);
                    } catch (ApiException refused) {
                        FieldError error = refused.problem().errors().isEmpty() ? null : refused.problem().errors().get(0);
                        progress.failed(id, error == null ? null : error.field(),
                                error == null ? refused.getMessage() : error.reason());
                        continue;
                    }
                    body.action(json, "index", index, id, version);
                    RecordDocument.appendTo(body, json, changed, RecordDocument.decidedDirectly(current.team()));
                    after.add(changed);
                }
                written.add(current);
            }
            if (written.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // The whole answer: each written record's new version goes into its history entry.
            return recordsIndex.bulkItems(body, false)
                    .map(answer -> outcomes(answer, written, after, now))
                    .chain(entries -> history.append(entries)
                            .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3));
        }

        private List<HistoryEntry> outcomes(JsonNode answer, List<VersionedRecord> written, List<TaskRecord> after,
                Instant now) {
            List<HistoryEntry> entries = new ArrayList<>();
            JsonNode items = answer.path("items");
            for (int i = 0; i < written.size(); i++) {
                JsonNode item = items.get(i).elements().next();
                TaskRecord before = written.get(i).record();
                String id = before.id().value();
                int status = item.path("status").asInt();
                if (status == 409) {
                    progress.conflict(id);
                } else if (item.has("error")) {
                    progress.failed(id, null, item.path("error").path("reason").asText("refused by Elasticsearch"));
                } else {
                    progress.done(1);
                    RecordVersion version = RecordVersion.of(item);
                    entries.add(after.get(i) == null
                            ? events.deleted(job.workspace(), job.dataset(), before, version.seqNo(), agent, job.id(), now)
                            : events.annotated(job.workspace(), job.dataset(), before, after.get(i), version, agent,
                                    job.id(), now));
                }
            }
            return entries;
        }
    }
}

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
import io.smallrye.mutiny.Multi;
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

    /** The records' id field: a job selected by a query scans in its order, to be taken up after its last id. */
    private static final String ID_ORDER = "id";

    private final LabelService labels;
    private final Annotator annotator;
    private final RecordStore records;
    private final PointInTimeScan scan;
    private final RecordsIndex recordsIndex;
    private final HistoryStore history;
    private final HistoryEvents events;
    private final JobStore jobs;
    private final JobLease lease;
    private final PagesInFlight inFlight;
    private final ObjectMapper json;

    public BulkJobs(LabelService labels, Annotator annotator, RecordStore records, PointInTimeScan scan,
            RecordsIndex recordsIndex, HistoryStore history, HistoryEvents events, JobStore jobs, JobLease lease,
            PagesInFlight inFlight, ObjectMapper json) {
        this.labels = labels;
        this.annotator = annotator;
        this.records = records;
        this.scan = scan;
        this.recordsIndex = recordsIndex;
        this.history = history;
        this.events = events;
        this.jobs = jobs;
        this.lease = lease;
        this.inFlight = inFlight;
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
                    if (request.byIds()) {
                        Run run = new Run(job, index, change, dataset.labelSchema(), seen, agent, ids);
                        return jobs.save(job).chain(() -> run.execute(query));
                    }
                    JobPlan plan = new JobPlan(index, query, change, dataset.labelSchema(), agent);
                    Run run = new Run(job, plan, null, new JobProgress(), false);
                    return jobs.save(job, plan, null, lease.owner(), lease.until(Instant.now()))
                            .chain(() -> inBackground(run, query));
                }));
    }

    /**
     * Takes up a job selected by a query that another replica stopped running (docs/adr/0016-fleet-and-traces.md),
     * from the last page it saved, with the progress saved then, once the pages it had in flight are settled
     * ({@link PagesInFlight}); in the background.
     */
    void resume(JobStore.Abandoned abandoned) {
        Run run = new Run(abandoned.job(), abandoned.plan(), abandoned.cursor(), JobProgress.of(abandoned.job()),
                true);
        inBackground(run, abandoned.plan().query());
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

    /**
     * One execution of a job: its progress lives here, touched by one page at a time. A job selected by a query has a
     * plan and a lease: it scans in id order, keeps each page before writing it ({@link PagesInFlight}) and saves,
     * after each page, how far it got (the last id of the pages written, all of them: pages are written two at a time
     * and may end out of order), so that another replica can take it up from there ({@link #resume}).
     */
    private final class Run {

        private final Job job;
        private final String index;
        private final LabelChange change;
        private final List<String> schema;
        private final Map<String, RecordVersion> seen;
        private final String agent;
        private final JobProgress progress;
        /** The ids asked for (empty for a query), and those the scan found: the rest are reported missing. */
        private final Set<String> ids;
        private final Set<String> visited = new HashSet<>();
        /** A selection by query's: what it does, to be taken up elsewhere; null for a selection by ids. */
        private final JobPlan plan;
        /** Taken up from another replica's run, whose pages in flight are settled first. */
        private final boolean resumed;
        /** Of a run taken up: the records its predecessor wrote past the cursor (settled, counted: left alone). */
        private final Set<String> settled = new HashSet<>();
        /** The keys of the pages kept in flight and not dropped yet. */
        private final Set<String> pagesKept = new HashSet<>();
        private String cursor;
        private long pagesTaken;
        private final PagesInOrder pagesWritten = new PagesInOrder();
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
            this.plan = null;
            this.resumed = false;
            this.progress = new JobProgress();
        }

        Run(Job job, JobPlan plan, String cursor, JobProgress progress, boolean resumed) {
            this.job = job;
            this.ids = Set.of();
            this.index = plan.index();
            this.change = plan.change();
            this.schema = plan.schema() == null ? List.of() : plan.schema();
            this.seen = Map.of();
            this.agent = plan.agent();
            this.plan = plan;
            this.resumed = resumed;
            this.cursor = cursor;
            this.progress = progress;
        }

        Uni<Job> execute(JsonNode query) {
            return pages(query)
                    // Stopping ends the reading only: a page being written is never cut off halfway (its records
                    // would change without their history events and without being counted).
                    .select().first(page -> !cancelSeen && failure == null)
                    // Two pages at a time: the next page is read and prepared while the last one is written. Both
                    // run on this request's event loop, so the progress needs no lock.
                    .onItem().transformToUni(page -> {
                        long number = pagesTaken++;
                        JobProgress ofPage = new JobProgress();
                        return stopRequested()
                                .chain(stop -> stop ? Uni.createFrom().voidItem()
                                        : handle(page, ofPage).chain(key -> written(number, page, ofPage, key)))
                                .onFailure().invoke(e -> failure = failure == null ? e : failure)
                                .onFailure().recoverWithNull();
                    })
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
                    .call(() -> inFlight.drop(List.copyOf(pagesKept)))
                    .chain(jobs::save);
        }

        private Multi<List<JsonNode>> pages(JsonNode query) {
            if (plan == null) {
                return scan.hitPages(index, query, "_shard_doc", List.of(), true);
            }
            Uni<Set<String>> settling = resumed ? inFlight.settle(job, index, cursor, progress)
                    : Uni.createFrom().item(Set.of());
            return settling.invoke(settled::addAll).onItem().transformToMulti(ignored -> scan.hitPages(index, query,
                    ID_ORDER, List.of(), true, cursor == null ? null : json.createArrayNode().add(cursor)));
        }

        /**
         * Whether someone asked to stop, or (a job with a lease) another replica took the job over; once seen, the
         * answer stays yes without asking again.
         */
        private Uni<Boolean> stopRequested() {
            if (cancelSeen) {
                return Uni.createFrom().item(true);
            }
            Uni<Boolean> asked = plan == null ? jobs.cancelRequested(job.id()) : jobs.stopRequested(job.id(), lease.owner());
            return asked.invoke(stop -> cancelSeen = stop);
        }

        /**
         * A page written: its progress counted, and the job saved, once every page before it is written too (the
         * saved cursor never passes a page not yet written).
         */
        private Uni<Void> written(long number, List<JsonNode> page, JobProgress ofPage, String key) {
            List<String> covered = new ArrayList<>();
            for (PagesInOrder.Page done : pagesWritten.written(number, new PagesInOrder.Page(ofPage, lastId(page), key))) {
                progress.add(done.progress());
                cursor = done.lastId() == null ? cursor : done.lastId();
                if (done.key() != null) {
                    covered.add(done.key());
                }
            }
            Job now = job.withProgress(progress);
            if (plan == null) {
                return jobs.save(now).replaceWithVoid();
            }
            // a page is dropped once the saved cursor covers it: a replica taking over never counts it twice
            return jobs.save(now, null, cursor, lease.owner(), lease.until(Instant.now()))
                    .chain(() -> {
                        covered.forEach(pagesKept::remove);
                        return inFlight.drop(covered);
                    });
        }

        private static String lastId(List<JsonNode> page) {
            return page.get(page.size() - 1).path("sort").path(0).asText(null);
        }

        private Job finished(State state, String message) {
            pagesWritten.rest().forEach(page -> progress.add(page.progress()));
            if (state == State.done) {
                ids.stream().filter(id -> !visited.contains(id))
                        .forEach(id -> progress.failed(id, "id", "no such record in this dataset"));
            }
            return job.withProgress(progress).finished(state, message, Instant.now());
        }

        /**
         * Writes a page: each record at the version scanned (or seen), and the history entries of those written. A job
         * with a plan keeps the page in flight first ({@link PagesInFlight}); answers its key (null: none kept).
         */
        private Uni<String> handle(List<JsonNode> hits, JobProgress counts) {
            Instant now = Instant.now();
            NdjsonBody body = new NdjsonBody();
            List<PagesInFlight.Write> writes = new ArrayList<>();
            for (JsonNode hit : hits) {
                VersionedRecord current = records.read(job.task(), hit);
                String id = current.record().id().value();
                if (!ids.isEmpty()) {
                    visited.add(id); // only a selection by ids needs to know what was found
                }
                if (settled.contains(id)) {
                    continue; // written by the run this one takes up, counted and its event appended when settled
                }
                RecordVersion expected = seen.getOrDefault(id, current.version());
                if (!expected.equals(current.version())) {
                    counts.conflict(id);
                    continue;
                }
                long[] version = {expected.seqNo(), expected.primaryTerm()};
                TaskRecord changed = null;
                if (change == null) {
                    body.action(json, "delete", index, id, version);
                } else {
                    try {
                        changed = annotator.apply(current.record(), change, agent, schema, "").stampedAt(now);
                    } catch (ApiException refused) {
                        FieldError error = refused.problem().errors().isEmpty() ? null : refused.problem().errors().get(0);
                        counts.failed(id, error == null ? null : error.field(),
                                error == null ? refused.getMessage() : error.reason());
                        continue;
                    }
                    body.action(json, "index", index, id, version);
                    RecordDocument.appendTo(body, json, changed, RecordDocument.decidedDirectly(current.team()));
                }
                writes.add(new PagesInFlight.Write(events.changing(job.workspace(), job.dataset(), current.record(),
                        changed, agent, job.id(), now), expected));
            }
            if (writes.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            Uni<String> kept = plan == null ? Uni.createFrom().nullItem()
                    : inFlight.keep(job.id(), lastId(hits), writes).invoke(pagesKept::add);
            // The whole answer: each written record's new version goes into its history entry.
            return kept.call(() -> recordsIndex.bulkItems(body, false)
                    .map(answer -> outcomes(answer, writes, counts))
                    .chain(entries -> history.append(entries)
                            .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)));
        }

        private static List<HistoryEntry> outcomes(JsonNode answer, List<PagesInFlight.Write> writes, JobProgress counts) {
            List<HistoryEntry> entries = new ArrayList<>();
            JsonNode items = answer.path("items");
            for (int i = 0; i < writes.size(); i++) {
                JsonNode item = items.get(i).elements().next();
                String id = writes.get(i).event().recordId();
                int status = item.path("status").asInt();
                if (status == 409) {
                    counts.conflict(id);
                } else if (item.has("error")) {
                    counts.failed(id, null, item.path("error").path("reason").asText("refused by Elasticsearch"));
                } else {
                    counts.done(1);
                    entries.add(HistoryEvents.written(writes.get(i).event(), RecordVersion.of(item)));
                }
            }
            return entries;
        }
    }
}

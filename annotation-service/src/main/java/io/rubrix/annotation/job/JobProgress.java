package io.rubrix.annotation.job;

import java.util.ArrayList;
import java.util.List;

import io.rubrix.annotation.job.Job.RecordError;

/** What a running job has done so far; added to page by page by the one thread that runs it. */
public final class JobProgress {

    private long done;
    private long failed;
    private long conflicts;
    private final List<String> conflictedIds = new ArrayList<>();
    private final List<RecordError> errors = new ArrayList<>();

    public void done(int count) {
        done += count;
    }

    public void failed(String id, String field, String reason) {
        failed++;
        if (errors.size() < Job.SAMPLE) {
            errors.add(new RecordError(id, field, reason));
        }
    }

    public void conflict(String id) {
        conflicts++;
        if (conflictedIds.size() < Job.SAMPLE) {
            conflictedIds.add(id);
        }
    }

    /** The progress a job had saved, to go on from. */
    static JobProgress of(Job job) {
        JobProgress progress = new JobProgress();
        progress.done = job.done();
        progress.failed = job.failed();
        progress.conflicts = job.conflicts();
        progress.conflictedIds.addAll(job.conflictedIds());
        progress.errors.addAll(job.errors());
        return progress;
    }

    /** Adds what {@code page} did (a page's own progress, counted apart while pages are written side by side). */
    void add(JobProgress page) {
        done += page.done;
        failed += page.failed;
        conflicts += page.conflicts;
        page.conflictedIds.stream().limit(Math.max(0, Job.SAMPLE - conflictedIds.size())).forEach(conflictedIds::add);
        page.errors.stream().limit(Math.max(0, Job.SAMPLE - errors.size())).forEach(errors::add);
    }

    long done() {
        return done;
    }

    long failed() {
        return failed;
    }

    long conflicts() {
        return conflicts;
    }

    List<String> conflictedIds() {
        return List.copyOf(conflictedIds);
    }

    List<RecordError> errors() {
        return List.copyOf(errors);
    }
}

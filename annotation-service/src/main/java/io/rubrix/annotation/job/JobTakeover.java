package io.rubrix.annotation.job;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every few seconds, in every replica: takes over the jobs selected by a query whose replica stopped running them
 * (their lease ran out: {@link JobLease}), one replica per job (the claim is a write at the version found), and
 * runs each from where it got to ({@link BulkJobs#resume}). docs/adr/0016-fleet-and-traces.md.
 */
@ApplicationScoped
public class JobTakeover {

    private final JobStore jobs;
    private final JobLease lease;
    private final BulkJobs bulkJobs;

    public JobTakeover(JobStore jobs, JobLease lease, BulkJobs bulkJobs) {
        this.jobs = jobs;
        this.lease = lease;
        this.bulkJobs = bulkJobs;
    }

    @Scheduled(identity = "job-takeover", every = "${rubrix.jobs.takeover-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        return jobs.abandoned(now)
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem().transformToUniAndConcatenate(abandoned -> jobs.claim(abandoned, lease.owner(), lease.until(now))
                        .invoke(claimed -> {
                            if (claimed) {
                                Log.infof("Job %s (%s on %s/%s) taken over from a replica that stopped, after %d records",
                                        abandoned.job().id(), abandoned.job().kind(), abandoned.job().workspace(),
                                        abandoned.job().dataset(), abandoned.job().done() + abandoned.job().failed()
                                                + abandoned.job().conflicts());
                                bulkJobs.resume(abandoned);
                            }
                        }))
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("Looking for jobs to take over failed (next round retries): %s",
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }
}

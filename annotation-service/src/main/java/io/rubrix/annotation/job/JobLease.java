package io.rubrix.annotation.job;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which replica runs a job selected by a query, and until when it says so: the runner renews the lease with every
 * page it saves; a job whose lease ran out is taken over by another replica ({@link JobTakeover}).
 */
@ApplicationScoped
public class JobLease {

    /** Far longer than a page takes (a read and a _bulk of 1,000 records), short enough that a job waits little. */
    static final Duration LENGTH = Duration.ofSeconds(30);

    private final String owner = "annotation-service-" + UUID.randomUUID();

    /** This replica, as job documents name it. */
    public String owner() {
        return owner;
    }

    Instant until(Instant now) {
        return now.plus(LENGTH);
    }
}

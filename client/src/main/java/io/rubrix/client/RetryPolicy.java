package io.rubrix.client;

import java.time.Duration;

/**
 * How often a call is tried again after a transient failure (connection refused or reset, 429, 502, 503, 504)
 * and how long to wait first; each wait doubles, and a server's {@code Retry-After} is honoured.
 */
public record RetryPolicy(int attempts, Duration firstWait) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    static boolean isTransient(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }
}

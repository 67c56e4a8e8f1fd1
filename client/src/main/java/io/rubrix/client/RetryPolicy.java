package io.rubrix.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * How often a call is tried again after a transient failure (a connection refused, lost or timed out; 429, 502,
 * 503, 504) and how long to wait first; each wait doubles, and a server's {@code Retry-After} is honoured.
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

    /**
     * A send that failed because the connection could not be made, timed out or was lost before the whole answer:
     * safe to send again, writes are idempotent. The JDK's HTTP client wraps the socket's exception in IOExceptions
     * of its own (a lost connection is an IOException caused by an IOException caused by an EOFException), so the
     * whole chain of causes is looked at, by type only.
     */
    static boolean isTransient(IOException failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable failure) {
        return failure instanceof SocketException // refused (ConnectException), reset, no route to host
                || failure instanceof EOFException // closed before the whole answer
                || failure instanceof ClosedChannelException
                || failure instanceof HttpTimeoutException; // HttpConnectTimeoutException is one
    }
}

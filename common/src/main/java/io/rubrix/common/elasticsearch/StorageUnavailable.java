package io.rubrix.common.elasticsearch;

/**
 * Elasticsearch could not be reached, or its answer could not be read: the request may or may not have been
 * carried out, and the same request may succeed later. Not an HTTP answer: the error mapper makes it a 503 for a
 * caller, the Kafka consumer retries the batch.
 */
public class StorageUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    public StorageUnavailable(String message, Throwable cause) {
        this(message, cause, "Elasticsearch is unavailable; retry shortly");
    }

    private StorageUnavailable(String message, Throwable cause, String detail) {
        super(message, cause, false, false);
        this.detail = detail;
    }

    /**
     * Part of a request was written and the rest could not be ({@code whatHappened} says which, for the caller);
     * sending the whole request again completes it, as every write is idempotent.
     */
    public static StorageUnavailable partlyWritten(String whatHappened, Throwable cause) {
        return new StorageUnavailable(whatHappened + ": " + cause.getMessage(), cause, whatHappened + "; send it again");
    }

    /** What a caller is told: never a host name or a stack, only what happened and what to do. */
    public String detail() {
        return detail;
    }

    /**
     * For {@code uni.onFailure(StorageUnavailable::retryLater)}: storage that cannot take a request now, unreachable or
     * busy (429, 502-504), where the same request may succeed later.
     */
    public static boolean retryLater(Throwable failure) {
        return failure instanceof StorageUnavailable || ElasticsearchException.refusedForNow(failure);
    }
}

package io.rubrix.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The server refused a call (its problem+json detail when it gave one), or could not be reached. */
public class RubrixException extends RuntimeException {

    private final int status;
    private final transient JsonNode problem;

    public RubrixException(int status, String message, JsonNode problem) {
        super(message);
        this.status = status;
        this.problem = problem;
    }

    public RubrixException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.problem = null;
    }

    /** The HTTP status, or 0 when the server was not reached. */
    public int status() {
        return status;
    }

    /** The RFC 7807 body the server answered, or null. */
    public JsonNode problem() {
        return problem;
    }
}

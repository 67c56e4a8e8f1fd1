package io.rubrix.model.error;

import java.util.List;

/**
 * A request that cannot be served, with the problem to answer. Throw it from services; the services' one
 * exception mapper writes it out.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(Problem.of(400, "Bad Request", detail).withErrors(errors));
    }

    /** Nothing when {@code violations} is empty, else a 400 naming each field (the first in the detail). */
    public static void requireNone(List<io.rubrix.model.validation.Violation> violations) {
        if (!violations.isEmpty()) {
            throw badRequest(violations.get(0).toString(), violations.stream().map(FieldError::of).toList());
        }
    }

    public static ApiException badRequest(String field, String reason) {
        return badRequest(field + ": " + reason, List.of(FieldError.of(field, reason)));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(403, "Forbidden", detail));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Problem.of(404, "Not Found", detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Problem.of(409, "Conflict", detail));
    }

    public static ApiException payloadTooLarge(String detail) {
        return new ApiException(Problem.of(413, "Payload Too Large", detail));
    }

    public static ApiException unprocessable(String detail, List<FieldError> errors) {
        return new ApiException(Problem.of(422, "Unprocessable Entity", detail).withErrors(errors));
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(Problem.of(503, "Service Unavailable", detail));
    }
}

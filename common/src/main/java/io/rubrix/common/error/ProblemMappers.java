package io.rubrix.common.error;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.error.Problem;
import io.rubrix.model.json.JsonPaths;

/**
 * The one place where every service turns an exception into an {@code application/problem+json} answer.
 * Unexpected exceptions become a 500 without internals: those are bugs, logged here with their stack.
 */
public class ProblemMappers {

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return answer(e.problem());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        Response.ResponseBuilder response = Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"rubrix\"");
        return answer(response, Problem.of(401, "Unauthorized",
                "A valid bearer token is required (Authorization: Bearer <access token>)"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Problem.of(403, "Forbidden", "Your roles do not allow this action"));
    }

    /** Listed one by one: Quarkus has its own mapper for some of these subtypes, and the closest type wins. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class})
    public Response badJson(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException unparsable) { // also when a mapping step met it
                return answer(Problem.of(400, "Bad Request",
                        "The body is not valid JSON: " + JsonPaths.parseReason(unparsable.getOriginalMessage())));
            }
        }
        if (e instanceof JsonMappingException mapping) {
            String field = JsonPaths.of(mapping);
            String reason = JsonPaths.reason(mapping);
            return answer(Problem.of(400, "Bad Request", field + ": " + reason)
                    .withErrors(List.of(FieldError.of(field, reason))));
        }
        return answer(Problem.of(400, "Bad Request", "The body is not valid JSON: "
                + JsonPaths.parseReason(e.getOriginalMessage())));
    }

    /**
     * Elasticsearch said no: busy is a 503 to retry, a closed index a 409; a request it found malformed (400) was
     * made from what the caller sent (a query text, an id), so it is a 400 with Elasticsearch's reason, which
     * names the dataset, never an index; anything else is our bug.
     */
    @ServerExceptionMapper
    public Response elasticsearchRefused(ElasticsearchException e) {
        if (e.status() == 429 || e.status() >= 500) {
            Log.warnf("Elasticsearch cannot take a request now: %s", e.getMessage());
            return answer(Response.status(503).header(HttpHeaders.RETRY_AFTER, "5"),
                    Problem.of(503, "Service Unavailable", "Elasticsearch is busy or unavailable; retry shortly"));
        }
        if ("index_closed_exception".equals(e.errorType())) {
            return answer(Problem.of(409, "Conflict", "The dataset is closed; open it first"));
        }
        if (e.status() == 400) {
            Log.infof("Elasticsearch refused a request made from a caller's input: %s", e.getMessage());
            return answer(Problem.of(400, "Bad Request", "Elasticsearch refused the request: " + e.reason()));
        }
        Log.error("Elasticsearch refused a request", e);
        return answer(Problem.of(500, "Internal Server Error",
                "An unexpected error occurred; it has been logged for the operators"));
    }

    /** Elasticsearch could not be reached or read: the caller may send the same request again shortly. */
    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailable e) {
        Log.warnf("Elasticsearch is unavailable: %s", e.getMessage());
        return answer(Response.status(503).header(HttpHeaders.RETRY_AFTER, "5"),
                Problem.of(503, "Service Unavailable", e.detail()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadableBody) {
            return badJson(unreadableBody);
        }
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException) {
            return unconvertibleParameter(uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            Log.errorf(e, "Request failed with %d", status.getStatusCode());
        }
        String detail = switch (status.getStatusCode()) {
            case 405 -> "This path does not take this method; the operations are listed at /api/docs";
            case 406 -> "This operation answers application/json (or NDJSON for exports); send an Accept it can meet";
            case 415 -> "Send the body as JSON: Content-Type: application/json";
            default -> e.getMessage();
        };
        return answer(Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail));
    }

    /**
     * A query or path parameter that did not convert to its type, which JAX-RS makes a 404. The exception does not
     * name the parameter, so the query parameter whose value is not a number is named (the only parameters that can
     * fail to convert are numbers).
     */
    private Response unconvertibleParameter(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (!isInteger(value)) {
                    String reason = "'" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "' is not an integer";
                    return answer(Problem.of(400, "Bad Request", parameter.getKey() + ": " + reason)
                            .withErrors(List.of(FieldError.of(parameter.getKey(), reason))));
                }
            }
        }
        return answer(Problem.of(400, "Bad Request", "A parameter of the request is not of its type"));
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A chunked body that passed quarkus.http.limits.max-body-size while it was read (the HTTP layer's wording). */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        if ("Request too large".equals(e.getMessage())) {
            return answer(Problem.of(413, "Payload Too Large",
                    "The body is larger than the service takes; send fewer records per request"));
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("Unexpected error while serving a request", e);
        return answer(Problem.of(500, "Internal Server Error",
                "An unexpected error occurred; it has been logged for the operators"));
    }

    private Response answer(Problem problem) {
        return answer(Response.status(problem.status()), problem);
    }

    private Response answer(Response.ResponseBuilder response, Problem problem) {
        try {
            return response.type(Problem.MEDIA_TYPE).entity(json.writeValueAsString(problem)).build();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write a problem body", impossible);
        }
    }
}

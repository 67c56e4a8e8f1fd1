package io.rubrix.common.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Elasticsearch answered, and said no (the request reached it: a 4xx or 5xx with a body).
 * An unreachable cluster is a different failure: {@link io.rubrix.common.error.ApiException} 503.
 */
public class ElasticsearchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;

    public ElasticsearchException(int status, JsonNode body, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }

    /** The {@code error.type} Elasticsearch gave, e.g. {@code version_conflict_engine_exception}. */
    public String errorType() {
        return body == null ? "" : body.path("error").path("type").asText("");
    }

    /** 429 and 502-504: Elasticsearch cannot take the request (or item) now; the same may succeed later. */
    public static boolean isTransientStatus(int status) {
        return status == 429 || (status >= 502 && status <= 504);
    }

    /** For {@code uni.onFailure(ElasticsearchException::refusedForNow)}: a refusal to try again later. */
    public static boolean refusedForNow(Throwable failure) {
        return failure instanceof ElasticsearchException refused && isTransientStatus(refused.status());
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** For {@code uni.onFailure(ElasticsearchException::notFound)}: the index or document does not exist. */
    public static boolean notFound(Throwable failure) {
        return failure instanceof ElasticsearchException refused && refused.isNotFound();
    }

    /**
     * The most specific reason Elasticsearch gave (the first root cause's, else the error's), fit for a caller:
     * a records or snapshot index it names is replaced by the dataset's name (callers never see the layout).
     */
    public String reason() {
        JsonNode error = body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body.path("error");
        String general = error.path("reason").asText("Elasticsearch refused the request");
        return withoutIndexNames(error.path("root_cause").path(0).path("reason").asText(general));
    }

    private static final java.util.regex.Pattern DATASET_INDEX = java.util.regex.Pattern.compile(
            "[a-z0-9][a-z0-9_-]*\\.(?:records|snapshot-data)\\.[a-z0-9_-]+\\.([a-z0-9_-]+)(?:\\.[a-z0-9-]+)?");

    static String withoutIndexNames(String reason) {
        return DATASET_INDEX.matcher(reason).replaceAll("dataset $1");
    }

    /** For {@code uni.onFailure(ElasticsearchException::refusedQuery)}: the request itself was refused (400). */
    public static boolean refusedQuery(Throwable failure) {
        return failure instanceof ElasticsearchException refused && refused.status() == 400;
    }
}

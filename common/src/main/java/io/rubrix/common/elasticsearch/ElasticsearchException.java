package io.rubrix.common.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Elasticsearch answered, and said no (the request reached it: a 4xx or 5xx with a body).
 * An unreachable cluster is a different failure: {@link StorageUnavailable}.
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

    /** For {@code uni.onFailure(ElasticsearchException::conflict)}: a write refused on a version check (409). */
    public static boolean conflict(Throwable failure) {
        return failure instanceof ElasticsearchException refused && refused.status() == 409;
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

    /**
     * The reason at the end of Elasticsearch's chain of causes ({@code error.caused_by.caused_by...}), for a search
     * whose shards failed: the root cause is then often a transport wrapper ({@code [node][address][action]}) and
     * the cause is deeper. Index names replaced as in {@link #reason()}.
     */
    public String deepestReason() {
        JsonNode cause = body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body.path("error");
        while (cause.path("caused_by").isObject()) {
            cause = cause.path("caused_by");
        }
        String deepest = cause.path("reason").asText("");
        return deepest.isEmpty() ? reason() : withoutIndexNames(deepest);
    }

    /**
     * A bulk item's reason for the person who sent the record: without the parser's positions ({@code [1:40] }), the
     * document id it quotes or index names, cut to {@link #MAX_REASON} characters. Read in one pass.
     */
    public static String itemReason(String reason) {
        String text = withoutIndexNames(reason);
        int quoted = text.indexOf(" in document with id '");
        if (quoted >= 0) {
            int end = text.indexOf('\'', quoted + " in document with id '".length());
            text = text.substring(0, quoted) + (end < 0 ? "" : text.substring(end + 1));
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            int end = positionEnd(text, i);
            if (end > i) {
                i = end; // the marker and the space after it
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString().strip();
    }

    /** The index of the space after a {@code [digits:digits]} marker starting at {@code at}, else {@code at}. */
    private static int positionEnd(String text, int at) {
        if (text.charAt(at) != '[') {
            return at;
        }
        int i = at + 1;
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= text.length() || text.charAt(i) != ':') {
            return at;
        }
        i++;
        digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        boolean marker = digits > 0 && i + 1 < text.length() && text.charAt(i) == ']' && text.charAt(i + 1) == ' ';
        return marker ? i + 1 : at;
    }

    /** Reasons can quote a caller's whole value (a 40,000-character label): callers get the start of them. */
    static final int MAX_REASON = 1_000;

    /**
     * {@code reason} cut to {@link #MAX_REASON} characters, with every {@code <prefix>.records.<workspace>.<dataset>}
     * and {@code <prefix>.snapshot-data.<workspace>.<dataset>.<id>} in it replaced by {@code dataset <dataset>}. Read
     * in one pass, without a regular expression (which backtracks for seconds over a long run of letters).
     */
    static String withoutIndexNames(String reason) {
        String text = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            int kind = text.startsWith(".records.", i) ? 9 : text.startsWith(".snapshot-data.", i) ? 15 : 0;
            if (kind == 0) {
                continue;
            }
            int start = i;
            while (start > copied && isNameChar(text.charAt(start - 1))) {
                start--;
            }
            int workspaceEnd = nameEnd(text, i + kind);
            if (start == i || workspaceEnd == i + kind || workspaceEnd >= text.length() || text.charAt(workspaceEnd) != '.') {
                continue;
            }
            int datasetEnd = nameEnd(text, workspaceEnd + 1);
            if (datasetEnd == workspaceEnd + 1) {
                continue;
            }
            int end = datasetEnd;
            if (kind == 15 && end < text.length() && text.charAt(end) == '.') {
                end = nameEnd(text, end + 1);
            }
            out.append(text, copied, start).append("dataset ").append(text, workspaceEnd + 1, datasetEnd);
            copied = end;
            i = end - 1;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static int nameEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /**
     * For {@code uni.onFailure(ElasticsearchException::refusedQuery)}: the request itself was refused (400), not the
     * index (a closed dataset is a 409, whatever the query).
     */
    public static boolean refusedQuery(Throwable failure) {
        return failure instanceof ElasticsearchException refused && refused.status() == 400
                && !"index_closed_exception".equals(refused.errorType());
    }
}

package io.rubrix.annotation.label;

import io.rubrix.model.error.ApiException;

/**
 * Whether a write waits until searches see it. Labelling answers with the record and its new version, and a
 * read by id sees the change at once, so by default a write does not wait for the next refresh (up to a
 * second); {@code ?refresh=wait_for} (or {@code true}) waits.
 */
public final class Refresh {

    private Refresh() {
    }

    /** Elasticsearch's refresh parameter for the query parameter {@code value}, or a 400 naming it. */
    public static String of(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return "false";
        }
        if (value.equals("true") || value.equals("wait_for")) {
            return "wait_for";
        }
        throw ApiException.badRequest("refresh", "'" + value + "' is not one of false, true, wait_for");
    }
}

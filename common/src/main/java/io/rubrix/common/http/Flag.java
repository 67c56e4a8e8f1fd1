package io.rubrix.common.http;

import io.rubrix.model.error.ApiException;

/** A yes-or-no query parameter: {@code true} or {@code false}, else a 400 naming it (JAX-RS reads "maybe" as false). */
public final class Flag {

    private Flag() {
    }

    /** The value of the parameter {@code name}; null when it is absent or empty. */
    public static Boolean of(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest(name, "'" + value + "' is neither true nor false");
        };
    }
}

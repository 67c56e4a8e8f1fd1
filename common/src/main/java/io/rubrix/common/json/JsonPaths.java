package io.rubrix.common.json;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's location of a bad value into the dotted field path our error bodies use. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** {@code prediction.labels[0].confidence} for a value Jackson could not bind; "body" when it has no path. */
    public static String of(JsonMappingException e) {
        return of(e.getPath());
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** Jackson's message without its location suffix and source excerpt, for a person to read. */
    public static String reason(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "invalid value";
        }
        int detail = message.indexOf(" (for ");
        String reason = detail > 0 ? message.substring(0, detail) : message;
        int newline = reason.indexOf('\n');
        return newline > 0 ? reason.substring(0, newline) : reason;
    }
}

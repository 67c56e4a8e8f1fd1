package io.rubrix.annotation.record;

import io.rubrix.common.error.ApiException;

/**
 * The version of a stored record, as one opaque value ({@code <primary_term>.<seq_no>}): clients send back the
 * version they saw (header {@code If-Match} or field {@code version}) and a write over a newer one is refused.
 */
public record RecordVersion(long primaryTerm, long seqNo) {

    /** The version, or a 400 naming {@code field} when it is not one of ours. */
    public static RecordVersion parse(String value, String field) {
        String text = value.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        int dot = text.indexOf('.');
        try {
            if (dot > 0) {
                return new RecordVersion(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(field, "'" + value + "' is not a record version (use the version a read returned)");
    }

    /** The strong entity tag of the record at this version. */
    public String etag() {
        return "\"" + this + "\"";
    }

    @Override
    public String toString() {
        return primaryTerm + "." + seqNo;
    }
}

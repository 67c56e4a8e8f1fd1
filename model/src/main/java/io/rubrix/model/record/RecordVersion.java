package io.rubrix.model.record;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.error.ApiException;

/**
 * The version of a stored record, as one opaque value ({@code <primary_term>.<seq_no>}): searches answer it
 * with each record, clients send back the version they saw (header {@code If-Match} or field {@code version}) and
 * annotation-service refuses a write over a newer one.
 */
public record RecordVersion(long primaryTerm, long seqNo) {

    /** The version of a hit, a get or a write answer ({@code _primary_term}, {@code _seq_no}). */
    public static RecordVersion of(JsonNode answer) {
        return new RecordVersion(answer.path("_primary_term").asLong(), answer.path("_seq_no").asLong());
    }

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

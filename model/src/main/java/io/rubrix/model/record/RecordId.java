package io.rubrix.model.record;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.rubrix.model.validation.Violation;

/**
 * A record id. Rubrix accepts an integer or a string and answers with the same JSON type,
 * so the id remembers which one it was; Elasticsearch always sees {@link #value()}.
 */
@Schema(description = "A record's id: an integer (64 bits) or a text of at most 512 bytes",
        anyOf = {Long.class, String.class})
public record RecordId(String value, boolean numeric) {

    public RecordId {
        Objects.requireNonNull(value, "value");
    }

    public static RecordId of(String value) {
        return new RecordId(value, false);
    }

    public static RecordId random() {
        return of(UUID.randomUUID().toString());
    }

    /** Elasticsearch's limit for a document id, in UTF-8 bytes. */
    public static final int MAX_BYTES = 512;

    @JsonCreator
    static RecordId fromJson(Object json) {
        if (json instanceof Integer || json instanceof Long
                || json instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return new RecordId(json.toString(), true);
        }
        if (json instanceof Number number) {
            throw new IllegalArgumentException("an id is a string or an integer, not " + number);
        }
        if (json instanceof String text) {
            return of(text);
        }
        throw new IllegalArgumentException("an id is a string or an integer, not " + json);
    }

    /** What is wrong with this id as a document id, if anything. */
    public Optional<Violation> violation() {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of(new Violation("id",
                    "is " + bytes + " bytes long; at most " + MAX_BYTES + " (UTF-8)"));
        }
        if (value.isEmpty()) {
            return Optional.of(new Violation("id", "must not be empty"));
        }
        return Optional.empty();
    }

    @JsonValue
    Object toJson() {
        return numeric ? Long.valueOf(value) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}

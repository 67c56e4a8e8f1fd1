package io.rubrix.common.record;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record id. Rubrix accepts an integer or a string and answers with the same JSON type,
 * so the id remembers which one it was; Elasticsearch always sees {@link #value()}.
 */
@RegisterForReflection
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

    @JsonCreator
    static RecordId fromJson(Object json) {
        if (json instanceof Number number) {
            return new RecordId(number.toString(), true);
        }
        if (json instanceof String text) {
            return of(text);
        }
        throw new IllegalArgumentException("an id is a string or an integer, not " + json);
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

package io.rubrix.model.record;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

/**
 * Timestamps on the wire. Python clients send ISO dates without a zone ({@code 2021-05-10T10:20:30.123456});
 * others send an offset or epoch milliseconds. All are read as UTC instants and written as ISO-8601 UTC.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant parse(String text) {
        Instant common = IsoInstants.parse(text);
        if (common != null) {
            return common;
        }
        // Decided up front, not by catching a parse failure: zone-less dates are the common case (Python).
        return hasZone(text) ? OffsetDateTime.parse(text).toInstant() : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    /** The text a timestamp is written as (what {@link Writer} writes). */
    public static String format(Instant instant) {
        return IsoInstants.format(instant);
    }

    /** True when the time part carries {@code Z} or an offset ({@code +01:00}, {@code -05:00}). */
    private static boolean hasZone(String text) {
        int time = text.indexOf('T');
        for (int i = time + 1; time > 0 && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }
    public static final class Reader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
            String text = parser.getValueAsString();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text,
                        "not an ISO-8601 date-time (e.g. 2026-11-28T10:00:00Z)");
            }
        }
    }
    public static final class Writer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format(value));
        }
    }
}

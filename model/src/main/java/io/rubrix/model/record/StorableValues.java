package io.rubrix.model.record;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violations;

/**
 * What every record must hold to be stored and read back as sent, whatever its task: an {@code event_timestamp}
 * in the years 0000 to 9999 (Elasticsearch's dates), at most {@link Limits#METADATA_KEYS_PER_RECORD} metadata keys,
 * and metadata numbers that are numbers (a {@code 1e309}
 * overflows to Infinity, which JSON cannot say and which would come back as the text "Infinity").
 */
public final class StorableValues {

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private StorableValues() {
    }

    public static void check(Violations violations, TaskRecord record) {
        Instant at = record.eventTimestamp();
        if (at != null && (at.isBefore(FIRST) || at.isAfter(LAST))) {
            violations.add("event_timestamp", at + " is outside the years 0000 to 9999");
        }
        if (violations.requireAtMost("metadata", record.metadata().size(), Limits.METADATA_KEYS_PER_RECORD, "keys")) {
            record.metadata().forEach((key, value) -> requireFinite(violations, "metadata." + key, value));
        }
    }

    /** A 400-worthy violation for each number in {@code value} (a map, a list or a scalar) that is not finite. */
    public static void requireFinite(Violations violations, String field, Object value) {
        if (value instanceof Double number && !Double.isFinite(number)
                || value instanceof Float single && !Float.isFinite(single)) {
            violations.add(field, "is not a finite number (JSON numbers end before 1.8e308)");
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                requireFinite(violations, field + "[" + i++ + "]", item);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> requireFinite(violations, field + "." + key, item));
        }
    }
}

package io.rubrix.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects the violations of one record; each rule adds to it and the caller reads {@link #list()}. */
public final class Violations {

    /** Rubrix's slack for single-label scores that should sum to 1. */
    public static final double SCORE_SUM_SLACK = 0.001;

    private final List<Violation> found = new ArrayList<>();

    public Violations add(String field, String reason) {
        found.add(new Violation(field, reason));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    public void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "must not be empty");
        }
    }

    /** A class or entity label: some text, at most {@link Limits#LABEL_LENGTH} characters. */
    public void requireLabel(String field, String label) {
        requireText(field, label);
        if (label != null && label.length() > Limits.LABEL_LENGTH) {
            add(field, "is " + label.length() + " characters long; a label has at most " + Limits.LABEL_LENGTH);
        }
    }

    /** At most {@code limit} items, else one violation naming the limit (the items are not checked one by one). */
    public boolean requireAtMost(String field, int size, int limit, String items) {
        if (size > limit) {
            add(field, "has " + size + " " + items + "; at most " + limit + " are allowed");
            return false;
        }
        return true;
    }

    public void requireUnitInterval(String field, Double value) {
        if (value != null && (value.isNaN() || value < 0.0 || value > 1.0)) {
            add(field, value + " is outside [0, 1]");
        }
    }

    public void requireNoNullValues(String field, Map<String, ?> map) {
        map.forEach((key, value) -> {
            if (value == null) {
                add(field + "." + key, "must not be null");
            }
        });
    }
}

package io.rubrix.model.validation;

import java.util.Optional;

/** Dataset names as Rubrix allows them: lowercase letters, digits, '-' and '_', not starting with '-' or '_'. */
public final class DatasetName {

    public static final String REGEX = "^(?!-|_)[a-z0-9-_]+$";
    /** Elasticsearch caps index names at 255 bytes; the prefix and workspace need room too. */
    public static final int MAX_LENGTH = 120;

    private DatasetName() {
    }

    /** The violation of {@code name}, if it is not a valid dataset name. */
    public static Optional<Violation> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(new Violation("name", "must not be empty"));
        }
        if (!matchesPattern(name)) {
            return Optional.of(new Violation("name", "'" + name + "' does not match " + REGEX));
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of(new Violation("name", "'" + name + "' is longer than " + MAX_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    /** {@link #REGEX}, checked character by character: a Kafka consumer checks two names per message. */
    private static boolean matchesPattern(String name) {
        if (name.charAt(0) == '-' || name.charAt(0) == '_') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValid(String name) {
        return check(name).isEmpty();
    }
}

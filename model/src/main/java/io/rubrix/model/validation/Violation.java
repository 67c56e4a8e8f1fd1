package io.rubrix.model.validation;

/** One broken rule: the field's path inside the record (e.g. {@code prediction.labels[1].confidence}) and why. */
public record Violation(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}

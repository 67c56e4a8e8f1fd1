package io.rubrix.model.team;

/**
 * Where a person's response to a record stands: {@code draft} (saved, still theirs to finish), {@code submitted}
 * (their answer) or {@code discarded} (they decided the record should not be labelled).
 */
public enum ResponseStatus {
    draft,
    submitted,
    discarded;

    /** Whether the response is the person's answer (submitted or discarded): the record leaves their queue. */
    public boolean answers() {
        return this != draft;
    }
}

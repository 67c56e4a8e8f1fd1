package io.rubrix.model.record;

/** Where a record stands in the labelling workflow; {@code Default} until a person acts on it. */
public enum RecordStatus {
    Default,
    Edited,
    Discarded,
    Validated
}

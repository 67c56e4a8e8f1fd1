package io.rubrix.model.annotation;


/**
 * An event as the history keeps it. {@code recordSeqNo} (the record's sequence number after the action) orders a
 * record's events even when two share a millisecond.
 */
public record HistoryEntry(AnnotationEvent event, long recordSeqNo) {
}

package io.rubrix.annotation.history;

import io.rubrix.common.annotation.AnnotationEvent;

/**
 * An event as the history keeps it. {@code recordSeqNo} (the record's sequence number after the action) orders a
 * record's events even when two share a millisecond.
 */
public record HistoryEntry(AnnotationEvent event, long recordSeqNo) {
}

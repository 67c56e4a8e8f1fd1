package io.rubrix.model.annotation;


/**
 * An event as the history keeps it. {@code recordSeqNo} (the record's sequence number after the action) orders a
 * record's events even when two share a millisecond. {@code traceParent} is the W3C {@code traceparent} of the request
 * that acted, when it was traced: the event's publication on Kafka, later, continues that trace.
 */
public record HistoryEntry(AnnotationEvent event, long recordSeqNo, String traceParent) {

    public HistoryEntry(AnnotationEvent event, long recordSeqNo) {
        this(event, recordSeqNo, null);
    }

    /** This entry with {@code traceParent} when it has none yet. */
    public HistoryEntry tracedBy(String parent) {
        return parent == null || traceParent != null ? this : new HistoryEntry(event, recordSeqNo, parent);
    }
}

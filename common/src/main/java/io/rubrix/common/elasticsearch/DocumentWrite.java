package io.rubrix.common.elasticsearch;

import io.rubrix.model.record.RecordVersion;

/**
 * One document written by a {@code _bulk} item: {@code operation} {@code index} or {@code create}, only over version
 * {@code expected} when it is not null; {@code document} a JSON text (one line) or an object Jackson writes.
 */
public record DocumentWrite(String operation, String index, String id, RecordVersion expected, Object document) {

    public static DocumentWrite index(String index, String id, Object document) {
        return new DocumentWrite("index", index, id, null, document);
    }

    public static DocumentWrite create(String index, String id, Object document) {
        return new DocumentWrite("create", index, id, null, document);
    }

    /** Replaces the document only if it is still at {@code expected} (else the item's 409). */
    public static DocumentWrite over(String index, String id, Object document, RecordVersion expected) {
        return new DocumentWrite("index", index, id, expected, document);
    }
}

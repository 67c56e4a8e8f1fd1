package io.rubrix.common.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.record.TaskRecord;

/** The Elasticsearch document of a record: its wire JSON plus the derived fields, computed here once. */
public final class RecordDocument {

    private RecordDocument() {
    }

    /** The document as JSON text, written without building a tree (the hot path of ingestion). */
    public static String json(ObjectMapper mapper, TaskRecord record) {
        try {
            String wire = mapper.writeValueAsString(record);
            String derived = mapper.writeValueAsString(record.derive());
            if (derived.length() <= 2) {
                return wire;
            }
            return wire.substring(0, wire.length() - 1) + "," + derived.substring(1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the document of record " + record.id(), e);
        }
    }

    /** Appends the document as one line of a {@code _bulk} body. */
    public static void appendTo(NdjsonBody body, ObjectMapper mapper, TaskRecord record) {
        body.mergedLine(mapper, record, record.derive());
    }

    public static ObjectNode of(ObjectMapper mapper, TaskRecord record) {
        ObjectNode document = mapper.valueToTree(record);
        ObjectNode derived = mapper.valueToTree(record.derive());
        document.setAll(derived);
        return document;
    }
}

package io.rubrix.common.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.record.TaskRecord;

/** The Elasticsearch document of a record: its wire JSON plus the derived fields, computed here once. */
public final class RecordDocument {

    private RecordDocument() {
    }

    /** The document as JSON text: the same bytes as a line of a {@code _bulk} (tests and tools index it so). */
    public static String json(ObjectMapper mapper, TaskRecord record) {
        String line = new NdjsonBody().mergedLine(mapper, record, record.derive()).toString();
        return line.substring(0, line.length() - 1);
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

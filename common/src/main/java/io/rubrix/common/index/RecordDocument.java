package io.rubrix.common.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.record.TaskRecord;

/** The Elasticsearch document of a record: its wire JSON plus the derived fields, computed here once. */
public final class RecordDocument {

    private RecordDocument() {
    }

    public static ObjectNode of(ObjectMapper mapper, TaskRecord record) {
        ObjectNode document = mapper.valueToTree(record);
        ObjectNode derived = mapper.valueToTree(record.derive());
        document.setAll(derived);
        return document;
    }
}

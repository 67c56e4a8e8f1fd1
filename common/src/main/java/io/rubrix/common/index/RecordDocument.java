package io.rubrix.common.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;

/** The Elasticsearch document of a record: its wire JSON plus the derived fields, computed here once. */
public final class RecordDocument {

    private RecordDocument() {
    }

    /** The document as JSON text: the same bytes as a line of a {@code _bulk} (tests and tools index it so). */
    public static String json(ObjectMapper mapper, TaskRecord record) {
        NdjsonBody body = new NdjsonBody();
        appendTo(body, mapper, record);
        String line = body.toString();
        return line.substring(0, line.length() - 1);
    }

    /** Appends the document as one line of a {@code _bulk} body. */
    public static void appendTo(NdjsonBody body, ObjectMapper mapper, TaskRecord record) {
        DerivedFields derived = record.derive();
        if (record instanceof TextClassificationRecord text && TextClassificationDocument.handles(text)) {
            body.line(mapper, generator -> TextClassificationDocument.write(generator, text, derived));
        } else {
            body.mergedLine(mapper, record, derived);
        }
    }

    public static ObjectNode of(ObjectMapper mapper, TaskRecord record) {
        ObjectNode document = mapper.valueToTree(record);
        ObjectNode derived = mapper.valueToTree(record.derive());
        document.setAll(derived);
        return document;
    }
}

package io.rubrix.common.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.model.record.DerivedFields;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;

/**
 * The Elasticsearch document of a record: its wire JSON plus the derived fields, computed here once, and the team's
 * work on it ({@value #TEAM}, ADR 0012), which whoever rewrites the record carries over as it was read.
 */
public final class RecordDocument {

    /** The document member that holds the team's responses, claims and review: never on the wire as a record's. */
    public static final String TEAM = "team";

    private RecordDocument() {
    }

    /** The document as JSON text: the same bytes as a line of a {@code _bulk} (tests and tools index it so). */
    public static String json(ObjectMapper mapper, TaskRecord record) {
        return json(mapper, record, null);
    }

    /** The document with {@code team} (null: none) as JSON text. */
    public static String json(ObjectMapper mapper, TaskRecord record, JsonNode team) {
        NdjsonBody body = new NdjsonBody();
        appendTo(body, mapper, record, team);
        String line = body.toString();
        return line.substring(0, line.length() - 1);
    }

    /** Appends the document as one line of a {@code _bulk} body. */
    public static void appendTo(NdjsonBody body, ObjectMapper mapper, TaskRecord record) {
        appendTo(body, mapper, record, null);
    }

    /** Appends the document with the team's work {@code team} (null: none), as read from the stored document. */
    public static void appendTo(NdjsonBody body, ObjectMapper mapper, TaskRecord record, JsonNode team) {
        DerivedFields derived = record.derive();
        JsonNode carried = team == null || team.isNull() || team.isMissingNode() ? null : team;
        if (record instanceof TextClassificationRecord text && TextClassificationDocument.handles(text)) {
            body.line(mapper, generator -> TextClassificationDocument.write(generator, text, derived, carried));
        } else if (carried == null) {
            body.mergedLine(mapper, record, derived);
        } else {
            ObjectNode document = of(mapper, record);
            document.set(TEAM, carried);
            body.line(mapper, (Object) document);
        }
    }

    /**
     * The team's work on a record whose annotation a person then set directly (an admin's label, a bulk job): the
     * annotation no longer comes from the team's rule ({@code final_from} cleared), so a later answer that leaves
     * the rule's decision as it was does not take it back.
     */
    public static JsonNode decidedDirectly(JsonNode team) {
        if (team == null || !team.isObject() || !team.hasNonNull("final_from")) {
            return team;
        }
        ObjectNode changed = ((ObjectNode) team).deepCopy();
        changed.putNull("final_from");
        return changed;
    }

    public static ObjectNode of(ObjectMapper mapper, TaskRecord record) {
        ObjectNode document = mapper.valueToTree(record);
        ObjectNode derived = mapper.valueToTree(record.derive());
        document.setAll(derived);
        return document;
    }
}

package io.rubrix.ingest.rules.match;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.FloatPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.memory.MemoryIndex;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.ingest.rules.match.RecordFields.Kind;

/**
 * Puts a record's document into a {@link MemoryIndex} as Elasticsearch indexes it under the records mapping, but
 * only the fields that a set of rules reads (and, when a rule asks whether a record has a field, the names of the
 * fields it has). Immutable: one per compiled set of rules, used from any thread with that thread's memory index.
 */
final class RecordIndexer {

    private final Set<String> fields;
    /** Every path above a field that is read: the objects worth walking into. */
    private final Set<String> objects;
    private final boolean fieldNames;

    RecordIndexer(Set<String> fields, boolean fieldNames) {
        this.fields = Set.copyOf(fields);
        Set<String> above = new HashSet<>();
        for (String field : fields) {
            for (int dot = field.indexOf('.'); dot > 0; dot = field.indexOf('.', dot + 1)) {
                above.add(field.substring(0, dot));
            }
        }
        this.objects = Set.copyOf(above);
        this.fieldNames = fieldNames;
    }

    /** Indexes {@code document} into {@code index} (reset by the caller); {@code names} is scratch space. */
    void index(JsonNode document, MemoryIndex index, Set<String> names) {
        names.clear();
        walkObject(document, "", index, names);
        for (String name : names) {
            index.addField(RecordFields.FIELD_NAMES, name, RecordFields.KEYWORD);
        }
    }

    private void walkObject(JsonNode object, String path, MemoryIndex index, Set<String> names) {
        Iterator<Map.Entry<String, JsonNode>> members = object.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String child = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
            Kind kind = RecordFields.kindOf(child);
            if (kind == Kind.NONE || kind == Kind.DISABLED) {
                continue;
            }
            walk(member.getValue(), child, kind, index, names);
        }
    }

    private void walk(JsonNode value, String path, Kind kind, MemoryIndex index, Set<String> names) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                walk(item, path, kind, index, names);
            }
            return;
        }
        if (value.isObject()) {
            if (fieldNames || objects.contains(path)) {
                walkObject(value, path, index, names);
            }
            return;
        }
        if (kind == Kind.OBJECT) {
            return; // a value where the mapping has an object: Elasticsearch refuses the document
        }
        boolean read = fields.contains(path);
        switch (kind) {
            case WORDS, TEXT -> {
                if (read) {
                    index.addField(path, value.asText(), RecordFields.analyzerOf(kind));
                }
                named(path, names);
            }
            case KEYWORD -> {
                if (read) {
                    index.addField(path, value.asText(), RecordFields.KEYWORD);
                }
                named(path, names);
            }
            case BOOLEAN -> {
                if (read) {
                    index.addField(path, value.isBoolean() ? Boolean.toString(value.booleanValue()) : value.asText(),
                            RecordFields.KEYWORD);
                }
                named(path, names);
            }
            case FLOAT -> {
                Float number = value.isNumber() ? Float.valueOf(value.floatValue()) : RuleQueryParser.parseFloat(
                        value.asText());
                if (number != null) {
                    if (read) {
                        index.addField(new FloatPoint(RecordFields.floatField(path), number), null);
                    }
                    named(path, names);
                }
            }
            case LONG -> {
                Long number = value.isNumber() ? Long.valueOf(value.longValue()) : RuleQueryParser.exactLong(
                        value.asText());
                if (number != null) {
                    if (read) {
                        index.addField(new LongPoint(RecordFields.longField(path), number), null);
                    }
                    named(path, names);
                }
            }
            case ID -> {
                if (read) {
                    index.addField(path, value.asText(), RecordFields.KEYWORD);
                }
                named(path, names);
                Long number = value.isIntegralNumber() ? Long.valueOf(value.longValue())
                        : RuleQueryParser.exactLong(value.asText());
                if (number != null) { // id.number: a long, ignore_malformed
                    if (fields.contains("id.number")) {
                        index.addField(new LongPoint(RecordFields.longField("id.number"), number), null);
                    }
                    named("id.number", names);
                }
            }
            case DYNAMIC_KEYWORD, DYNAMIC_TEXT -> dynamic(value, path, kind, read, index, names);
            default -> {
                // dates are not indexed here (see RuleMatcher)
            }
        }
    }

    /** A value under {@code metadata} or {@code inputs}, mapped by its JSON type as dynamic mapping does. */
    private void dynamic(JsonNode value, String path, Kind kind, boolean read, MemoryIndex index, Set<String> names) {
        if (value.isIntegralNumber()) {
            if (read) {
                index.addField(new LongPoint(RecordFields.longField(path), value.longValue()), null);
            }
            named(path, names);
        } else if (value.isNumber()) {
            if (read) {
                index.addField(new FloatPoint(RecordFields.floatField(path), value.floatValue()), null);
            }
            named(path, names);
        } else if (value.isBoolean()) {
            if (read) {
                index.addField(path, Boolean.toString(value.booleanValue()), RecordFields.KEYWORD);
            }
            named(path, names);
        } else if (value.isTextual()) {
            String text = value.textValue();
            if (kind == Kind.DYNAMIC_KEYWORD) {
                if (text.length() <= RecordFields.IGNORE_ABOVE) {
                    if (read) {
                        index.addField(path, text, RecordFields.KEYWORD);
                    }
                    named(path, names);
                }
                return;
            }
            if (read) {
                index.addField(path, text, RecordFields.STANDARD);
            }
            named(path, names);
            if (text.length() <= RecordFields.IGNORE_ABOVE) {
                String keyword = path + ".keyword";
                if (fields.contains(keyword)) {
                    index.addField(keyword, text, RecordFields.KEYWORD);
                }
                named(keyword, names);
            }
        }
    }

    /** Records that the document has {@code path} (and so its objects above), when a rule asks. */
    private void named(String path, Set<String> names) {
        if (!fieldNames) {
            return;
        }
        if (names.add(path)) {
            for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
                if (!names.add(path.substring(0, dot))) {
                    break;
                }
            }
        }
    }
}

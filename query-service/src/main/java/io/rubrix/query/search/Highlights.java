package io.rubrix.query.search;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.record.Task;

/**
 * Highlighted {@code query_text} matches: each matching text field whole, HTML-escaped, with the matched words
 * between {@code <mark>} and {@code </mark>}; a web page may show it as HTML as is.
 */
final class Highlights {

    static final String PRE = "<mark>";
    static final String POST = "</mark>";

    private Highlights() {
    }

    static ObjectNode request(ObjectMapper json, Task task) {
        ObjectNode highlight = json.createObjectNode();
        highlight.put("encoder", "html").put("number_of_fragments", 0).put("require_field_match", false);
        highlight.putArray("pre_tags").add(PRE);
        highlight.putArray("post_tags").add(POST);
        ObjectNode fields = highlight.putObject("fields");
        switch (task) {
            case TextClassification -> fields.putObject("inputs.*");
            case TokenClassification -> fields.putObject("raw_text");
            case Text2Text -> fields.putObject("text");
        }
        return highlight;
    }

    /** {@code {"inputs.text": "the <mark>match</mark>"}}: one text per field, the whole field. */
    static ObjectNode answer(ObjectMapper json, JsonNode highlight) {
        ObjectNode answer = json.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = highlight.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().endsWith(".keyword")) {
                answer.put(field.getKey(), field.getValue().path(0).asText());
            }
        }
        return answer;
    }
}

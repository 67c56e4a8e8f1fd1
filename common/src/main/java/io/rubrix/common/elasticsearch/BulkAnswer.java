package io.rubrix.common.elasticsearch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer to a {@code _bulk}, read only as far as needed: when Elasticsearch says {@code "errors": false}
 * (its first field), every item succeeded and the rest is not parsed; otherwise each item's result
 * ({@code status}, {@code error}) in the order of the request. Asking Elasticsearch to shrink the answer
 * with {@code filter_path} instead cost it a tenth of its indexing time.
 */
public record BulkAnswer(boolean errors, List<JsonNode> items) {

    public static BulkAnswer read(ObjectMapper json, byte[] body) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a _bulk answer is a JSON object");
            }
            boolean errors = true;
            List<JsonNode> items = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("errors".equals(field)) {
                    errors = parser.getBooleanValue();
                    if (!errors) {
                        return new BulkAnswer(false, List.of());
                    }
                } else if ("items".equals(field)) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode item = json.readTree(parser); // {"create": {"status": 201, ...}}
                        items.add(item.elements().next());
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return new BulkAnswer(errors, List.copyOf(items));
        }
    }

    /** The reason of the first refused item, for a log or an exception; "unknown" when none says why. */
    public String firstError() {
        for (JsonNode item : items) {
            JsonNode error = item.path("error");
            if (!error.isMissingNode()) {
                return error.path("reason").asText(error.toString());
            }
        }
        return "unknown";
    }
}

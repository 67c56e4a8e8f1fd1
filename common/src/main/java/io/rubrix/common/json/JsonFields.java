package io.rubrix.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Steps of a streaming read of Elasticsearch's answers, where a tree of the whole answer is what is avoided. */
public final class JsonFields {

    private JsonFields() {
    }

    /**
     * Moves into the value of {@code name} in the current object, skipping the fields before it; true when it is
     * there and of the {@code expected} kind.
     */
    public static boolean enter(JsonParser parser, String name, JsonToken expected) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = name.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (wanted) {
                return value == expected;
            }
            parser.skipChildren();
        }
        return false;
    }
}

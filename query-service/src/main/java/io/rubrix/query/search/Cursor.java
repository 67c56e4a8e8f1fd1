package io.rubrix.query.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.error.ApiException;

/**
 * An opaque position in an ordered result list: the sort values of the last record of a page
 * (Elasticsearch {@code search_after}) and the order they belong to. Paging with it has no 10,000 limit.
 */
final class Cursor {

    private Cursor() {
    }

    static String after(ObjectMapper json, RecordSort sort, JsonNode lastSortValues) {
        ObjectNode cursor = json.createObjectNode();
        cursor.put("sort", sort.signature());
        cursor.set("after", lastSortValues);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(cursor));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a cursor", e);
        }
    }

    /** The {@code search_after} values of {@code cursor}, or a 400 when it is not one of ours for this order. */
    static JsonNode searchAfter(ObjectMapper json, RecordSort sort, String cursor) {
        JsonNode decoded;
        try {
            decoded = json.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("cursor", "is not a cursor of this API: send next_cursor as it was received");
        }
        if (decoded == null || !decoded.path("after").isArray()) {
            throw ApiException.badRequest("cursor", "is not a cursor of this API: send next_cursor as it was received");
        }
        if (!sort.signature().equals(decoded.path("sort").asText())) {
            throw ApiException.badRequest("cursor", "was made for another sort (" + decoded.path("sort").asText()
                    + "); send the same sort as the first page");
        }
        return decoded.get("after");
    }
}

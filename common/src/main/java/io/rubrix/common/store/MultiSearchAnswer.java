package io.rubrix.common.store;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.json.JsonFields;
import io.rubrix.common.store.RecordsIndex.PageAndCounts;

/**
 * Reads the answer of {@link RecordsIndex#searchWithCached}, the counts' search first: their answer becomes a tree,
 * the page's is left where it is for whoever streams its hits (only where it begins is found), and a search that
 * failed fails the whole as it would have alone.
 */
final class MultiSearchAnswer {

    private MultiSearchAnswer() {
    }

    static PageAndCounts pageAndCounts(ObjectMapper json, byte[] answer, String index) throws IOException {
        JsonNode counts = null;
        int pageStart = -1;
        boolean pageFailed = false;
        try (JsonParser parser = json.getFactory().createParser(answer)) {
            if (parser.nextToken() == JsonToken.START_OBJECT
                    && JsonFields.enter(parser, "responses", JsonToken.START_ARRAY)
                    && parser.nextToken() == JsonToken.START_OBJECT) {
                counts = parser.readValueAsTree();
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    pageStart = (int) parser.currentTokenLocation().getByteOffset();
                    // Elasticsearch writes a failed search of an _msearch as {"error": ..., "status": ...}, error first
                    pageFailed = parser.nextToken() == JsonToken.FIELD_NAME && "error".equals(parser.currentName());
                }
            }
        }
        if (counts == null || pageStart < 0) {
            throw failed(json.createObjectNode(), index);
        }
        if (counts.has("error")) {
            throw failed(counts, index);
        }
        if (pageFailed) {
            try (JsonParser parser = json.getFactory().createParser(answer, pageStart, answer.length - pageStart)) {
                throw failed(parser.readValueAsTree(), index);
            }
        }
        return new PageAndCounts(answer, pageStart, counts);
    }

    private static ElasticsearchException failed(JsonNode response, String index) {
        int status = response.path("status").asInt(500);
        return new ElasticsearchException(status, response, "POST /" + index + "/_search (in _msearch) answered "
                + status + ": " + response.path("error").path("reason").asText(""));
    }
}

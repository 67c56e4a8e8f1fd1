package io.rubrix.common.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.GroupCommit.Outcome;
import io.smallrye.mutiny.Uni;

/**
 * Reads and writes of one document each by concurrent callers, sent together ({@link GroupCommit}): the reads as one
 * {@code _mget} (realtime, as a get), the writes as one {@code _bulk}. Each caller gets what the single request
 * would have answered: the document as a get answers it or a 404, the item's version or its refusal with its status
 * (a 409 for a version check).
 */
final class SingleDocuments {

    private static final int MOST_PER_REQUEST = 200;

    private record Read(String index, String id) {
    }

    private final Elasticsearch elasticsearch;
    private final ObjectMapper json;
    private final GroupCommit<Read, JsonNode> reads = new GroupCommit<>(this::readAll, MOST_PER_REQUEST);
    private final GroupCommit<DocumentWrite, JsonNode> writes = new GroupCommit<>(this::writeAll, MOST_PER_REQUEST);

    SingleDocuments(Elasticsearch elasticsearch, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.json = json;
    }

    Uni<JsonNode> read(String index, String id) {
        return reads.submit(new Read(index, id));
    }

    Uni<JsonNode> write(DocumentWrite write) {
        return writes.submit(write);
    }

    private Uni<List<Outcome<JsonNode>>> readAll(List<Read> batch) {
        ObjectNode request = json.createObjectNode();
        ArrayNode docs = request.putArray("docs");
        batch.forEach(read -> docs.addObject().put("_index", read.index()).put("_id", read.id()));
        return elasticsearch.send("POST", "/_mget", request).map(answer -> {
            List<Outcome<JsonNode>> outcomes = new ArrayList<>();
            JsonNode found = answer.path("docs");
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(readOutcome(batch.get(i), found.path(i)));
            }
            return outcomes;
        });
    }

    private static Outcome<JsonNode> readOutcome(Read read, JsonNode doc) {
        if (doc.has("error")) {
            return Outcome.failed(refusal("GET", path(read.index(), read.id()), statusOf(doc.path("error").path("type").asText()), doc));
        }
        if (!doc.path("found").asBoolean()) {
            return Outcome.failed(refusal("GET", path(read.index(), read.id()), 404, doc));
        }
        return Outcome.of(doc);
    }

    /** The status a get answers for what {@code _mget} reports per document without one. */
    private static int statusOf(String errorType) {
        return switch (errorType) {
            case "index_not_found_exception" -> 404;
            case "index_closed_exception" -> 400;
            default -> 503; // a shard not available (starting, moving): for now
        };
    }

    private Uni<List<Outcome<JsonNode>>> writeAll(List<DocumentWrite> batch) {
        NdjsonBody body = new NdjsonBody();
        for (DocumentWrite write : batch) {
            if (write.expected() == null) {
                body.action(json, write.operation(), write.index(), write.id());
            } else {
                body.action(json, write.operation(), write.index(), write.id(), write.expected().seqNo(),
                        write.expected().primaryTerm());
            }
            if (write.document() instanceof String text) {
                body.rawLine(text);
            } else {
                body.line(json, write.document());
            }
        }
        return elasticsearch.send("POST", "/_bulk", body, Map.of()).map(answer -> {
            List<Outcome<JsonNode>> outcomes = new ArrayList<>();
            JsonNode items = answer.path("items");
            for (int i = 0; i < batch.size(); i++) {
                JsonNode item = items.path(i).elements().hasNext() ? items.path(i).elements().next()
                        : json.missingNode();
                DocumentWrite write = batch.get(i);
                outcomes.add(item.has("error") || item.isMissingNode()
                        ? Outcome.failed(refusal("PUT", path(write.index(), write.id()), item.path("status").asInt(500), item))
                        : Outcome.of(item));
            }
            return outcomes;
        });
    }

    /** The path the single request would have had, for messages. */
    private static String path(String index, String id) {
        return "/" + index + "/_doc/" + PathSegment.encode(id);
    }

    private static ElasticsearchException refusal(String method, String path, int status, JsonNode body) {
        return new ElasticsearchException(status, body,
                method + " " + path + " answered " + status + ": " + body.path("error").path("reason").asText(""));
    }
}

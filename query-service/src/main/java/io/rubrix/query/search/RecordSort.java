package io.rubrix.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.error.ApiException;

/**
 * The order of search results. Keys are record fields as the wire names them; {@code score} is the relevance
 * to {@code query_text} and {@code confidence} the top prediction confidence. The record id is always the
 * last key, so that the order is total and a {@code search_after} cursor never skips nor repeats a record.
 */
public final class RecordSort {

    /** Wire name to indexed field, for the fields that are not metadata. */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("score", "_score"), Map.entry("id", "id"), Map.entry("last_updated", "last_updated"),
            Map.entry("event_timestamp", "event_timestamp"), Map.entry("status", "status"),
            Map.entry("predicted", "predicted"), Map.entry("confidence", "score"),
            Map.entry("predicted_as", "predicted_as"), Map.entry("annotated_as", "annotated_as"),
            Map.entry("predicted_by", "predicted_by"), Map.entry("annotated_by", "annotated_by"));
    static final String METADATA = "metadata.";

    private record Key(String field, boolean descending) {

        /** The order people expect of ids: 2 before 10 (numeric ids by value, then the others as text). */
        boolean byIdValue() {
            return field.equals("id");
        }
    }

    /** The ids as numbers (a multi-field of {@code id}; a text id has none): asked-for id order sorts by it first. */
    private static final String ID_NUMBER = "id.number";
    /** The last key of every order, so that it is total: the id as text (no numbers to read for it). */
    private static final String TIE_BREAKER = "id.tie-breaker";

    private final List<Key> keys;

    private RecordSort(List<Key> keys) {
        this.keys = keys;
    }

    /** The requested order (none: relevance, then id), or a 400 naming the bad key. */
    static RecordSort of(List<SearchRequest.SortField> fields) {
        List<Key> keys = new ArrayList<>();
        List<SearchRequest.SortField> requested = fields == null || fields.isEmpty()
                ? List.of(new SearchRequest.SortField("score", "desc")) : fields;
        for (int i = 0; i < requested.size(); i++) {
            SearchRequest.SortField field = requested.get(i);
            String name = field == null ? null : field.field();
            if (name == null || !(FIELDS.containsKey(name) || name.startsWith(METADATA) && name.length() > METADATA.length())) {
                throw ApiException.badRequest("sort[" + i + "].field", "unknown sort field " + name + "; one of "
                        + FIELDS.keySet().stream().sorted().collect(Collectors.joining(", ")) + " or metadata.<field>");
            }
            String order = field.order() == null ? "asc" : field.order();
            if (!order.equals("asc") && !order.equals("desc")) {
                throw ApiException.badRequest("sort[" + i + "].order", "must be asc or desc, not " + order);
            }
            keys.add(new Key(name, order.equals("desc")));
        }
        if (keys.stream().noneMatch(Key::byIdValue)) {
            keys.add(new Key(TIE_BREAKER, false));
        }
        return new RecordSort(keys);
    }

    /** The metadata fields this order uses (they must exist in the dataset). */
    List<String> metadataFields() {
        return keys.stream().map(Key::field).filter(f -> f.startsWith(METADATA))
                .map(f -> f.substring(METADATA.length())).toList();
    }

    ArrayNode toElasticsearch(ObjectMapper json) {
        ArrayNode sort = json.createArrayNode();
        for (Key key : keys) {
            String order = key.descending() ? "desc" : "asc";
            if (key.byIdValue()) {
                // indices made before id.number existed have none: unmapped, their ids sort as text only
                sort.addObject().putObject(ID_NUMBER).put("order", order).put("missing", "_last")
                        .put("unmapped_type", "long");
                sort.addObject().putObject("id").put("order", order);
                continue;
            }
            String field = key.field().equals(TIE_BREAKER) ? "id"
                    : key.field().startsWith(METADATA) ? key.field() : FIELDS.get(key.field());
            ObjectNode clause = sort.addObject().putObject(field).put("order", order);
            if (!field.equals("_score")) {
                clause.put("missing", "_last"); // records without the field come last in either order
            }
        }
        return sort;
    }

    /** Identifies the order inside a cursor: a cursor only continues the order it was made for. */
    String signature() {
        return keys.stream().map(key -> key.field() + (key.descending() ? ":desc" : ":asc"))
                .collect(Collectors.joining(","));
    }
}

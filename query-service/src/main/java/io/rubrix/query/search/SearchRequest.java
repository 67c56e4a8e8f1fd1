package io.rubrix.query.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.query.RecordQuery;

/**
 * {@code POST /api/datasets/{name}/{task}:search}: the query (none matches every record) and, beyond Rubrix,
 * the order of the results and the {@code cursor} of a previous page's {@code next_cursor}.
 */
@RegisterForReflection
public record SearchRequest(
        @JsonProperty("query") RecordQuery query,
        @JsonProperty("sort") List<SortField> sort,
        @JsonProperty("cursor") String cursor) {

    public RecordQuery queryOrAll() {
        return query == null ? RecordQuery.all() : query;
    }

    public RecordSort recordSort() {
        return RecordSort.of(sort);
    }

    /** One sort key: {@code field} (score, id, last_updated, event_timestamp, metadata.x ...) and asc or desc. */
    @RegisterForReflection
    public record SortField(@JsonProperty("field") String field, @JsonProperty("order") String order) {
    }
}

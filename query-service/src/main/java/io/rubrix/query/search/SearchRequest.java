package io.rubrix.query.search;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.rubrix.common.query.RecordQuery;

/** {@code POST /api/datasets/{name}/{task}:search}: the query; no query matches every record. */
public record SearchRequest(@JsonProperty("query") RecordQuery query) {

    public RecordQuery queryOrAll() {
        return query == null ? RecordQuery.all() : query;
    }
}

package io.rubrix.query.summary;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.query.RecordQuery;

/** The records to summarize: those matching {@code query}, or all. */
@RegisterForReflection
public record SummaryRequest(@JsonProperty("query") RecordQuery query) {

    public RecordQuery queryOrAll() {
        return query == null ? RecordQuery.all() : query;
    }
}

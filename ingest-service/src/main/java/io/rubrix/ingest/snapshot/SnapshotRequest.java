package io.rubrix.ingest.snapshot;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordStatus;

/**
 * {@code POST /api/datasets/{name}/snapshots}: which records to freeze, as a search query; without one,
 * the {@code Validated} records, as Rubrix did.
 */
@RegisterForReflection
public record SnapshotRequest(@JsonProperty("query") RecordQuery query) {

    public RecordQuery queryOrDefault() {
        return query == null ? RecordQuery.withStatus(List.of(RecordStatus.Validated)) : query;
    }
}

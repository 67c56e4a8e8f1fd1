package io.rubrix.ingest.snapshot;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.rubrix.common.record.RecordStatus;

/** {@code POST /api/datasets/{name}/snapshots}: which records to freeze; {@code Validated} ones by default. */
public record SnapshotRequest(@JsonProperty("status") List<RecordStatus> status) {

    public List<RecordStatus> statusOrDefault() {
        return status == null || status.isEmpty() ? List.of(RecordStatus.Validated) : List.copyOf(status);
    }
}

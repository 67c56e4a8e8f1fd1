package io.rubrix.ingest.records;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.record.TaskRecord;

/**
 * A record as Elasticsearch holds it, with the version to write over it safely and the team's work on it
 * ({@code team}, missing when none), which a new version of the record keeps.
 */
record StoredRecord(TaskRecord record, long seqNo, long primaryTerm, JsonNode team) {
}

package io.rubrix.annotation.record;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.TaskRecord;

/**
 * A record as stored, with its version and the team's work on it ({@code team} of the document, a missing node when
 * there is none), which every rewrite of the record carries over.
 */
public record VersionedRecord(TaskRecord record, RecordVersion version, JsonNode team) {
}

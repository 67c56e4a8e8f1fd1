package io.rubrix.annotation.record;

import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.TaskRecord;

/** A record as stored, with its version. */
public record VersionedRecord(TaskRecord record, RecordVersion version) {
}

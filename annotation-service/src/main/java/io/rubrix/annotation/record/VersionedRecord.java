package io.rubrix.annotation.record;

import io.rubrix.common.record.RecordVersion;
import io.rubrix.common.record.TaskRecord;

/** A record as stored, with its version. */
public record VersionedRecord(TaskRecord record, RecordVersion version) {
}

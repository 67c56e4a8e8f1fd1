package io.rubrix.ingest.records;

import io.rubrix.model.record.TaskRecord;

/** A record as Elasticsearch holds it, with the version to write over it safely. */
record StoredRecord(TaskRecord record, long seqNo, long primaryTerm) {
}

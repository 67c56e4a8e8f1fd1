package io.rubrix.ingest.records;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;

/**
 * A write of many records as consecutive {@code _bulk} requests of at most {@link #SIZE} records: one slice's body
 * and answer in memory at a time, whatever the size of the request (a 64 MB bulk of 92,000 small records built one
 * 100 MB body and ran out of heap). Only the last slice waits for the refresh, which makes the earlier ones visible
 * too.
 */
final class Slices {

    /** About 1-2 MB of documents: within Elasticsearch's advice for a bulk (a few MB), four Rubrix client chunks. */
    static final int SIZE = 2_000;

    private Slices() {
    }

    static Uni<List<WriteFailure>> write(List<TaskRecord> records, boolean refresh,
            BiFunction<List<TaskRecord>, Boolean, Uni<List<WriteFailure>>> slice) {
        if (records.size() <= SIZE) {
            return slice.apply(records, refresh);
        }
        Uni<List<WriteFailure>> written = Uni.createFrom().item(new ArrayList<>());
        for (int from = 0; from < records.size(); from += SIZE) {
            List<TaskRecord> part = records.subList(from, Math.min(records.size(), from + SIZE));
            boolean last = from + SIZE >= records.size();
            written = written.chain(failures -> slice.apply(part, refresh && last).map(more -> {
                failures.addAll(more);
                return failures;
            }));
        }
        return written;
    }
}

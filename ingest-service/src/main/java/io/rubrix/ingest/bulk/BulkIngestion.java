package io.rubrix.ingest.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.error.FieldError;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.record.RecordReader;
import io.rubrix.common.record.Task;
import io.rubrix.common.record.TaskRecord;
import io.rubrix.common.validation.Violation;
import io.rubrix.ingest.dataset.DatasetService;
import io.rubrix.ingest.records.RecordWriter;
import io.rubrix.ingest.records.WriteFailure;
import io.smallrye.mutiny.Uni;

/** One HTTP bulk: read and validate each record, open the dataset, write the valid records, report the rest. */
@ApplicationScoped
public class BulkIngestion {

    private final DatasetService datasets;
    private final RecordWriter writer;
    private final BulkBody.Reader bodies;
    private final IndexLayout layout;
    private final Counter ingested;
    private final Counter rejected;

    public BulkIngestion(DatasetService datasets, RecordWriter writer, ObjectMapper json, IndexLayout layout,
            MeterRegistry registry) {
        this.datasets = datasets;
        this.writer = writer;
        this.bodies = new BulkBody.Reader(json);
        this.layout = layout;
        this.ingested = Counter.builder("rubrix.ingest.records").tag("source", "http")
                .description("Records written to Elasticsearch").register(registry);
        this.rejected = Counter.builder("rubrix.ingest.records.rejected").tag("source", "http")
                .description("Records refused (invalid or refused by Elasticsearch)").register(registry);
    }

    /** Reads and validates the body of a bulk ({@link BulkRequest}): malformed JSON fails here, and answers 400. */
    public Uni<BulkResponse> ingest(String workspace, String writerName, String name, Task task, byte[] body,
            boolean refresh) throws IOException {
        BulkBody request = bodies.read(task, body);
        List<TaskRecord> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            RecordReader.Parsed parsed = request.records().get(i);
            if (parsed.isValid()) {
                valid.add(parsed.record());
                positions.add(i);
            } else {
                for (Violation violation : parsed.violations()) {
                    errors.add(FieldError.inBatch(i, parsed.id(), violation));
                }
            }
        }
        int invalid = request.records().size() - valid.size();
        return datasets.openForWrite(workspace, name, task, writerName, request.tags(), request.metadata())
                .chain(dataset -> valid.isEmpty() ? Uni.createFrom().item(List.<WriteFailure>of())
                        : writer.write(layout.recordsIndex(workspace, name), task, valid, refresh))
                .map(failures -> {
                    int refused = addWriteFailures(errors, failures, valid, positions);
                    int processed = valid.size() - refused;
                    ingested.increment(processed);
                    rejected.increment(invalid + refused);
                    return new BulkResponse(name, processed, invalid + refused, errors);
                });
    }

    /** Adds one error per batch position of a failed id; answers how many records failed. */
    private static int addWriteFailures(List<FieldError> errors, List<WriteFailure> failures, List<TaskRecord> valid,
            List<Integer> positions) {
        if (failures.isEmpty()) {
            return 0;
        }
        Map<String, WriteFailure> byId = failures.stream()
                .collect(Collectors.toMap(WriteFailure::id, f -> f, (a, b) -> a));
        int refused = 0;
        for (int i = 0; i < valid.size(); i++) {
            WriteFailure failure = byId.get(valid.get(i).id().value());
            if (failure != null) {
                errors.add(new FieldError(positions.get(i), failure.id(), "record", failure.reason()));
                refused++;
            }
        }
        return refused;
    }
}

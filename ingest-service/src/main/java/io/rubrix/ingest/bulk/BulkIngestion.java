package io.rubrix.ingest.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.ingest.dataset.DatasetService;
import io.rubrix.ingest.records.LabelledRecordWriter;
import io.rubrix.ingest.records.RecordWriter;
import io.rubrix.ingest.records.WriteFailure;
import io.rubrix.ingest.rules.WeakLabeller;
import io.rubrix.model.dataset.LabelSchema;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.HumanWork;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.validation.Violation;
import io.smallrye.mutiny.Uni;

/** One HTTP bulk: read and validate each record, open the dataset, write the valid records, report the rest. */
@ApplicationScoped
public class BulkIngestion {

    private final DatasetService datasets;
    private final RecordWriter writer;
    private final LabelledRecordWriter labelledWriter;
    private final WeakLabeller weakLabeller;
    private final BulkBody.Reader bodies;
    private final IndexLayout layout;
    private final Counter ingested;
    private final Counter rejected;

    public BulkIngestion(DatasetService datasets, RecordWriter writer, LabelledRecordWriter labelledWriter,
            WeakLabeller weakLabeller, ObjectMapper json, IndexLayout layout, MeterRegistry registry,
            @ConfigProperty(name = "rubrix.limits.bulk-records") int maxRecords) {
        this.datasets = datasets;
        this.writer = writer;
        this.labelledWriter = labelledWriter;
        this.weakLabeller = weakLabeller;
        this.bodies = new BulkBody.Reader(json, maxRecords);
        this.layout = layout;
        this.ingested = Counter.builder("rubrix.ingest.records").tag("source", "http")
                .description("Records written to Elasticsearch").register(registry);
        this.rejected = Counter.builder("rubrix.ingest.records.rejected").tag("source", "http")
                .description("Records refused (invalid or refused by Elasticsearch)").register(registry);
    }

    /**
     * Reads and validates the body of a bulk ({@link BulkRequest}): malformed JSON fails here, and answers 400. Records
     * with a person's work on them are refused from a machine, and from a person they are checked against the
     * dataset's label schema and written with their history ({@link LabelledRecordWriter}).
     */
    public Uni<BulkResponse> ingest(String workspace, BulkCaller caller, String name, Task task, byte[] body,
            boolean refresh) {
        BulkBody request;
        try {
            request = bodies.read(task, body);
        } catch (IOException malformed) {
            return Uni.createFrom().failure(malformed); // Jackson's exception: answered 400 where it failed
        }
        Batch machine = new Batch();
        Batch labelled = new Batch();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            RecordReader.Parsed parsed = request.records().get(i);
            List<Violation> violations = parsed.isValid() ? List.of() : parsed.violations();
            boolean humanWork = parsed.isValid() && parsed.record().carriesHumanWork();
            if (humanWork) {
                violations = caller.person() ? HumanWork.refusedFromPerson(parsed.record())
                        : HumanWork.refusedFromMachine(parsed.record());
            }
            if (!violations.isEmpty()) {
                for (Violation violation : violations) {
                    errors.add(FieldError.inBatch(i, parsed.id(), violation));
                }
            } else if (humanWork) {
                labelled.add(caller.credited(parsed.record()), i);
            } else {
                machine.add(parsed.record(), i);
            }
        }
        machine.dropIdsOf(labelled); // the labelled record of an id sent twice wins: it is the later word of a person
        int total = request.records().size();
        return datasets.openForWrite(workspace, name, task, caller.username(), request.tags(), request.metadata())
                .chain(dataset -> {
                    labelled.refuseOutside(dataset.labelSchema(), errors);
                    String index = layout.recordsIndex(workspace, name);
                    Uni<List<WriteFailure>> machineWrites = machine.isEmpty() ? Uni.createFrom().item(List.of())
                            : writer.write(index, task, weakLabeller.labelled(dataset, machine.records), refresh);
                    return machineWrites.invoke(failures -> machine.report(failures, errors))
                            .chain(() -> labelled.isEmpty() ? Uni.createFrom().item(List.<WriteFailure>of())
                                    : labelledWriter.write(new LabelledRecordWriter.Target(workspace, name, index, task,
                                            caller.username()), labelled.records, refresh))
                            .invoke(failures -> labelled.report(failures, errors));
                })
                .map(ignored -> {
                    long refused = errors.stream().map(FieldError::index).distinct().count();
                    int processed = total - (int) refused;
                    ingested.increment(processed);
                    rejected.increment(refused);
                    errors.sort(Comparator.comparing(FieldError::index));
                    return new BulkResponse(name, processed, (int) refused, errors);
                });
    }

    /** The valid records of one kind in a bulk, with their positions in it. */
    private static final class Batch {

        private final List<TaskRecord> records = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();

        void add(TaskRecord record, int position) {
            records.add(record);
            positions.add(position);
        }

        boolean isEmpty() {
            return records.isEmpty();
        }

        void dropIdsOf(Batch other) {
            if (other.isEmpty()) {
                return;
            }
            Set<String> ids = new HashSet<>();
            other.records.forEach(record -> ids.add(record.id().value()));
            for (int i = records.size() - 1; i >= 0; i--) {
                if (ids.contains(records.get(i).id().value())) {
                    records.remove(i);
                    positions.remove(i);
                }
            }
        }

        /** Takes out, with an error each, the records whose labels are outside the dataset's schema. */
        void refuseOutside(List<String> schema, List<FieldError> errors) {
            for (int i = records.size() - 1; i >= 0; i--) {
                List<Violation> outside = LabelSchema.violations(records.get(i), schema);
                if (!outside.isEmpty()) {
                    for (Violation violation : outside) {
                        errors.add(FieldError.inBatch(positions.get(i), records.get(i).id().value(), violation));
                    }
                    records.remove(i);
                    positions.remove(i);
                }
            }
        }

        void report(List<WriteFailure> failures, List<FieldError> errors) {
            addWriteFailures(errors, failures, records, positions);
        }
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

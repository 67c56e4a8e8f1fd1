package io.rubrix.model.record;

import java.util.ArrayList;
import java.util.List;

import io.rubrix.model.validation.Violation;

/**
 * Human labels come only from people, as themselves (docs/adr/0009-trust-boundaries.md). A record that a machine
 * writes (a caller with role {@code ingest} only, or any Kafka producer) may carry predictions, metadata and the
 * rest, but not a person's work ({@link TaskRecord#carriesHumanWork()}): an annotation, or a status other than
 * {@code Default}.
 */
public final class HumanWork {

    private static final String WHO = "only people write human labels: machine accounts (role ingest) and Kafka "
            + "producers log predictions; log labelled records as an annotator or admin";

    private HumanWork() {
    }

    /** What {@code record}, written by a machine, breaks: empty when it carries no human work. */
    public static List<Violation> refusedFromMachine(TaskRecord record) {
        List<Violation> violations = new ArrayList<>(2);
        if (record.annotation() != null) {
            violations.add(new Violation("annotation", WHO));
        }
        if (record.status() != RecordStatus.Default) {
            violations.add(new Violation("status", "'" + record.status() + "' is a person's decision; " + WHO));
        }
        return violations;
    }

    /**
     * What {@code record}, logged by a person, breaks: {@code Validated} says a person confirmed its labels, so it
     * needs them (annotation-service derives them from the prediction and checks them against the schema; a logged
     * record must bring them).
     */
    public static List<Violation> refusedFromPerson(TaskRecord record) {
        if (record.status() == RecordStatus.Validated && record.annotation() == null) {
            return List.of(new Violation("annotation", "a Validated record needs the annotation that was validated"));
        }
        return List.of();
    }
}

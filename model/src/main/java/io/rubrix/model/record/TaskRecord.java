package io.rubrix.model.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.rubrix.model.validation.Violation;

/**
 * A record of any task, as it travels on the wire and is stored in Elasticsearch. Implemented by the three
 * task records only. Instances are immutable; their constructors apply Rubrix's defaults (status
 * {@code Default}, metadata flattened to dotted keys, empty collections instead of nulls).
 */
public interface TaskRecord {

    Task task();

    /** The id, or null before {@link #withIdIfMissing()} gives one. */
    RecordId id();

    Map<String, Object> metadata();

    Instant eventTimestamp();

    RecordStatus status();

    Instant lastUpdated();

    /** The task's prediction (labels, entities or sentences, with the model's agent), or null. */
    Labelling prediction();

    /** The task's annotation (labels, entities or sentences, with the person's agent), or null. */
    Labelling annotation();

    /** The prediction's agent, or null without a prediction. */
    default String predictionAgent() {
        return prediction() == null ? null : prediction().agent();
    }

    /** The annotation's agent, or null without an annotation. */
    default String annotationAgent() {
        return annotation() == null ? null : annotation().agent();
    }

    default boolean hasAnnotation() {
        return annotation() != null;
    }

    /**
     * Whether a person acted on this record: it has an annotation or a status other than {@code Default}
     * (docs/adr/0009-trust-boundaries.md: only people write either).
     */
    default boolean carriesHumanWork() {
        return hasAnnotation() || status() != RecordStatus.Default;
    }

    /** Every rule of the task that this record breaks, each naming its field; empty when valid. */
    List<Violation> violations();

    /** The fields computed from this record for search and aggregations. */
    DerivedFields derive();

    /** This record with a random UUID id when it came without one (Rubrix's rule). */
    TaskRecord withIdIfMissing();

    /** This record as written at {@code now}: {@code last_updated} set, {@code predicted} recomputed. */
    TaskRecord stampedAt(Instant now);

    /**
     * This record, sent again by a machine, over the {@code stored} one: a machine write never erases a
     * human label, so the stored annotation and status stay unless this record carries an annotation itself.
     */
    TaskRecord keepingHumanWorkOf(TaskRecord stored);

    /**
     * Whether this record shows people the same thing as {@code other} (its text, tokens or inputs): a label given
     * on {@code other} means the same on this one.
     */
    boolean sameInputsAs(TaskRecord other);

    /** This record with its annotation (if any) credited to {@code agent}. */
    TaskRecord withAnnotationAgent(String agent);
}

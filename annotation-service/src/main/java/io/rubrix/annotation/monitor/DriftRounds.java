package io.rubrix.annotation.monitor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.common.monitor.DriftEvaluator;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.monitor.AlertType;
import io.rubrix.model.monitor.WindowSpan;
import io.rubrix.model.monitor.DriftAlert;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.MeasureResult;
import io.smallrye.mutiny.Uni;

/**
 * Evaluates one monitor and keeps what came of it: the evaluation, the alerts raised (a measure above its threshold
 * that was not alerting) or cleared (one alerting that is back at or below it), the monitor's new state and its
 * gauges. A measure not judged (too few records) keeps its state.
 */
@ApplicationScoped
public class DriftRounds {

    private final DriftEvaluator evaluator;
    private final RecordsIndex records;
    private final DriftStore store;
    private final DriftGauges gauges;

    public DriftRounds(DriftEvaluator evaluator, RecordsIndex records, DriftStore store, DriftGauges gauges) {
        this.evaluator = evaluator;
        this.records = records;
        this.store = store;
        this.gauges = gauges;
    }

    /**
     * {@code previous}: when the state read was written (null: never). Two evaluations from the same state (the
     * scheduler's and a person's "evaluate now" at once) raise or clear the same alert: its id comes from the
     * monitor, the measure, the change and that state, and the second one's is found already there.
     */
    public Uni<Evaluation> evaluate(MonitorKey key, Set<String> alertingBefore, Instant previous, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return evaluator.evaluate(records.name(key.workspace(), key.dataset()), key.monitor(), at)
                .call(evaluation -> {
                    Set<String> alerting = new HashSet<>(alertingBefore);
                    List<DriftAlert> alerts = new ArrayList<>();
                    for (MeasureResult result : evaluation.measures()) {
                        Optional<AlertType> change = MeasureResult.transition(
                                alertingBefore.contains(result.measure()), result.reading());
                        change.ifPresent(type -> {
                            alerts.add(alert(key, evaluation, result, type, previous));
                            if (type == AlertType.raised) {
                                alerting.add(result.measure());
                            } else {
                                alerting.remove(result.measure());
                            }
                        });
                    }
                    alerting.retainAll(evaluation.measures().stream().map(MeasureResult::measure).toList());
                    return store.record(key, evaluation, alerts, alerting).invoke(() -> evaluation.measures()
                            .forEach(result -> gauges.update(key, result, alerting.contains(result.measure()))));
                });
    }

    private static DriftAlert alert(MonitorKey key, Evaluation evaluation, MeasureResult result, AlertType type,
            Instant previous) {
        String transition = key.id() + "/" + result.measure() + "/" + type + "/" + previous;
        return new DriftAlert("al-" + UUID.nameUUIDFromBytes(transition.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                type, evaluation.at(), key.workspace(), key.dataset(),
                key.task().name(), key.monitor().name(), result.measure(), result.statistic(), result.value(),
                result.threshold(),
                new WindowSpan(evaluation.reference().from(), evaluation.reference().to(),
                        result.reference().count()),
                new WindowSpan(evaluation.live().from(), evaluation.live().to(), result.live().count()),
                evaluation.evaluationId());
    }
}

package io.rubrix.annotation.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.Monitor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every tick, in the replica holding the drift lease: evaluates the monitors that are due (never evaluated, changed
 * since, or their period passed), one after another, the lease renewed before each (a long pass does not outlive
 * it), then delivers the alerts waiting. Closed datasets are not evaluated.
 */
@ApplicationScoped
public class DriftScheduler {

    /** Longer than a pass should take, so that a lease outlives the pass that renewed it. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int DATASETS = 10_000;

    private final DatasetStore datasets;
    private final DriftStore store;
    private final DriftRounds rounds;
    private final AlertDelivery delivery;
    private final DriftGauges gauges;
    private final DriftLease lease;
    private final MonitorConfig config;

    public DriftScheduler(DatasetStore datasets, DriftStore store, DriftRounds rounds, AlertDelivery delivery,
            DriftGauges gauges, DriftLease lease, MonitorConfig config) {
        this.datasets = datasets;
        this.store = store;
        this.rounds = rounds;
        this.delivery = delivery;
        this.gauges = gauges;
        this.lease = lease;
        this.config = config;
    }

    @Scheduled(identity = "drift-monitors", every = "${rubrix.monitors.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = MonitorConfig.Disabled.class)
    Uni<Void> tick() {
        return lease.hold(LEASE)
                .chain(held -> {
                    if (!held) {
                        gauges.retain(Set.of()); // another replica evaluates and publishes the gauges
                        return Uni.createFrom().voidItem();
                    }
                    return pass(Instant.now());
                })
                .onFailure().invoke(e -> Log.warnf("Evaluating drift monitors failed (retrying next tick): %s",
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (config.enabled()) {
            lease.release().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(5));
        }
    }

    /** One pass: every due monitor evaluated, then the alerts delivered. */
    Uni<Void> pass(Instant now) {
        return datasets.everyWorkspace(DATASETS).chain(all -> {
            List<MonitorKey> monitors = monitors(all);
            gauges.retain(measureIds(monitors));
            return store.states().chain(states -> {
                List<MonitorKey> due = monitors.stream().filter(key -> due(key, states.get(key.id()), now)).toList();
                monitors.stream().filter(key -> !due.contains(key)).forEach(key -> key.monitor().measures()
                        .forEach(measure -> gauges.restore(key, measure.completed(), states.get(key.id())
                                .alertingFor(key.monitor().createdAt()).contains(measure.id()))));
                return Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(key -> evaluateOne(key, now))
                        .collect().asList()
                        .call(done -> done.contains(true) ? store.refresh() : Uni.createFrom().voidItem());
            });
        }).chain(() -> delivery.deliver(Instant.now())).replaceWithVoid();
    }

    /**
     * One monitor evaluated, if this replica still holds the lease (renewed here: a long pass does not outlive it);
     * a failure is kept in the monitor's state. True when the state was written (refreshed with the pass's others, so
     * that the next tick's search of the states sees it and does not find the monitor due again).
     */
    private Uni<Boolean> evaluateOne(MonitorKey key, Instant now) {
        return lease.hold(LEASE).chain(held -> {
            if (!held) {
                return Uni.createFrom().item(false); // another replica took over during a long pass
            }
            return store.state(key.id()).chain(state -> {
                var alerting = state.alertingFor(key.monitor().createdAt());
                return rounds.evaluate(key, alerting, state.evaluatedAt(), now).replaceWith(true)
                        .onFailure().recoverWithUni(e -> {
                            Log.warnf("Monitor %s not evaluated: %s", key.id(), e.getMessage());
                            return store.failed(key, alerting, now, why(e)).replaceWith(true);
                        });
            });
        }).onFailure().recoverWithItem(false);
    }

    /** What a person can act on: Elasticsearch's own reason when it refused the evaluation. */
    private static String why(Throwable failure) {
        return failure instanceof ElasticsearchException refused
                ? "Elasticsearch refused the evaluation: " + refused.deepestReason()
                : String.valueOf(failure.getMessage());
    }

    private static List<MonitorKey> monitors(List<Dataset> all) {
        List<MonitorKey> monitors = new ArrayList<>();
        for (Dataset dataset : all) {
            if (!dataset.closed()) {
                for (Monitor monitor : dataset.monitors()) {
                    monitors.add(new MonitorKey(dataset.workspace(), dataset.name(), dataset.task(), monitor));
                }
            }
        }
        return monitors;
    }

    private static Set<String> measureIds(List<MonitorKey> monitors) {
        Set<String> ids = new HashSet<>();
        for (MonitorKey key : monitors) {
            for (Measure measure : key.monitor().measures()) {
                ids.add(key.id() + "." + measure.id());
            }
        }
        return ids;
    }

    static boolean due(MonitorKey key, DriftStore.MonitorState state, Instant now) {
        if (state == null || state.evaluatedAt() == null) {
            return true;
        }
        Monitor monitor = key.monitor();
        return monitor.updatedAt() != null && monitor.updatedAt().isAfter(state.evaluatedAt())
                || !state.evaluatedAt().plus(monitor.period()).isAfter(now);
    }
}

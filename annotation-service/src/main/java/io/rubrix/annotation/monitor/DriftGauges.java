package io.rubrix.annotation.monitor;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.MeasureResult;

/**
 * Per monitor and measure, the last value of its statistic ({@code rubrix_drift_value}), its threshold
 * ({@code rubrix_drift_threshold}) and whether it alerts ({@code rubrix_drift_alerting}, 1 or 0), for Prometheus and
 * Alertmanager. Published by the replica that evaluates (the lease holder); a monitor deleted loses its gauges.
 */
@ApplicationScoped
public class DriftGauges {

    /** The readings behind one measure's gauges. */
    private static final class Reading {
        volatile double value = Double.NaN;
        volatile double threshold = Double.NaN;
        volatile double alerting;
    }

    private final MeterRegistry registry;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private final Map<String, Set<Gauge>> gauges = new ConcurrentHashMap<>();

    public DriftGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void update(MonitorKey key, MeasureResult result, boolean alerting) {
        Reading reading = reading(key, result.measure(), result.statistic());
        reading.value = result.value() == null ? Double.NaN : result.value();
        reading.threshold = result.threshold();
        reading.alerting = alerting ? 1 : 0;
    }

    /**
     * A measure's gauges as its monitor's state has them, when this replica has none yet (it has just taken the lease,
     * or started): the alert stands for Alertmanager before the next evaluation; the value is not known till then.
     */
    public void restore(MonitorKey key, Measure measure, boolean alerting) {
        if (!readings.containsKey(key.id() + "." + measure.id())) {
            Reading reading = reading(key, measure.id(), measure.statistic());
            reading.threshold = measure.threshold();
            reading.alerting = alerting ? 1 : 0;
        }
    }

    private Reading reading(MonitorKey key, String measure, Measure.Statistic statistic) {
        String id = key.id() + "." + measure;
        return readings.computeIfAbsent(id, missing -> {
            Reading made = new Reading();
            Tags tags = Tags.of("workspace", key.workspace(), "dataset", key.dataset(), "monitor",
                    key.monitor().name(), "measure", measure);
            gauges.put(id, Set.of(
                    Gauge.builder("rubrix.drift.value", made, r -> r.value).tags(tags)
                            .tag("statistic", statistic.name()).strongReference(true)
                            .description("The last value of a drift monitor's statistic (NaN: not judged)")
                            .register(registry),
                    Gauge.builder("rubrix.drift.threshold", made, r -> r.threshold).tags(tags).strongReference(true)
                            .description("Above this, the measure alerts").register(registry),
                    Gauge.builder("rubrix.drift.alerting", made, r -> r.alerting).tags(tags).strongReference(true)
                            .description("1 while the measure's drift alert is raised").register(registry)));
            return made;
        });
    }

    /** Drops the gauges of every measure not among {@code kept} (monitors deleted or changed). */
    public void retain(Set<String> kept) {
        for (String id : Set.copyOf(readings.keySet())) {
            if (!kept.contains(id)) {
                readings.remove(id);
                Set<Gauge> dropped = gauges.remove(id);
                if (dropped != null) {
                    dropped.forEach(registry::remove);
                }
            }
        }
    }
}

package io.rubrix.annotation.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rubrix.model.monitor.Distribution;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.MeasureKind;
import io.rubrix.model.monitor.MeasureResult;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.Reference;
import io.rubrix.model.monitor.ReferenceKind;
import io.rubrix.model.record.Task;

class DriftGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DriftGauges gauges = new DriftGauges(registry);
    private final Measure labels = new Measure(MeasureKind.predicted_labels, null, null, null, null).completed();
    private final MonitorKey key = new MonitorKey("team-a", "news", Task.TextClassification,
            new Monitor("production", null, null, new Reference(ReferenceKind.preceding, null, null, null), "1h", "1h",
                    null, List.of(labels), null, null, null, null));

    @Test
    void aReplicaTakingOverShowsTheAlertsOfTheStateBeforeItsFirstEvaluation() {
        gauges.restore(key, labels, true);
        assertThat(gauge("rubrix.drift.alerting")).isEqualTo(1.0);
        assertThat(gauge("rubrix.drift.value")).isNaN();
        assertThat(gauge("rubrix.drift.threshold")).isEqualTo(0.2);

        gauges.update(key, new MeasureResult("predicted_labels", MeasureKind.predicted_labels, Measure.Statistic.psi,
                0.2, 0.05, MeasureResult.Reading.ok, new Distribution(100, null, null),
                new Distribution(100, null, null)), false);
        gauges.restore(key, labels, true); // known now: the state read is older than the evaluation
        assertThat(gauge("rubrix.drift.alerting")).isZero();
        assertThat(gauge("rubrix.drift.value")).isEqualTo(0.05);

        gauges.retain(Set.of());
        assertThat(registry.find("rubrix.drift.alerting").gauges()).as("a monitor gone takes its gauges").isEmpty();
    }

    private double gauge(String name) {
        Gauge gauge = registry.find(name).tags("monitor", "production", "measure", "predicted_labels").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }
}

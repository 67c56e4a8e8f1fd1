package io.rubrix.annotation.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MonitorStateTest {

    private final Instant created = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aStateOlderThanTheMonitorIsAnEarlierMonitorsOfTheSameName() {
        DriftStore.MonitorState older = new DriftStore.MonitorState(created.minusSeconds(1), Set.of("f1"));
        DriftStore.MonitorState since = new DriftStore.MonitorState(created.plusSeconds(60), Set.of("f1"));
        assertThat(older.alertingFor(created)).as("a dataset deleted and made again left it").isEmpty();
        assertThat(since.alertingFor(created)).containsExactly("f1");
        assertThat(new DriftStore.MonitorState(null, Set.of()).alertingFor(created)).isEmpty();
    }
}

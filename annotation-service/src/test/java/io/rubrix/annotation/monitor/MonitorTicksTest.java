package io.rubrix.annotation.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.StartupEvent;

/** The drift monitors' ticks wait for the application's start, as the relay's passes do (RelayPassesTest). */
class MonitorTicksTest {

    @Test
    void theDriftMonitorsSkipTheirTicksUntilTheApplicationHasStarted() {
        MonitorConfig on = mock(MonitorConfig.class);
        when(on.enabled()).thenReturn(true);
        MonitorConfig.Disabled skip = new MonitorConfig.Disabled(on);
        assertTrue(skip.test(null), "before start-up");
        skip.started(new StartupEvent());
        assertFalse(skip.test(null), "once started");
    }
}

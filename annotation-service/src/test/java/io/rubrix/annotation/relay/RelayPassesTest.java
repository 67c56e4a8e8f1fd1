package io.rubrix.annotation.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.StartupEvent;

/**
 * The relay's scheduled passes wait for the application's start: the scheduler may fire
 * before the messaging start-up observer has connected its Kafka emitter ("Unable to connect an emitter").
 */
class RelayPassesTest {

    @Test
    void theRelaySkipsItsPassesUntilTheApplicationHasStartedAndWhenTurnedOff() {
        RelayConfig on = mock(RelayConfig.class);
        when(on.enabled()).thenReturn(true);
        RelayConfig.Disabled skip = new RelayConfig.Disabled(on);
        assertTrue(skip.test(null), "before start-up");
        skip.started(new StartupEvent());
        assertFalse(skip.test(null), "once started");

        RelayConfig off = mock(RelayConfig.class);
        RelayConfig.Disabled skipOff = new RelayConfig.Disabled(off);
        skipOff.started(new StartupEvent());
        assertTrue(skipOff.test(null), "turned off");
    }
}

package io.rubrix.annotation.team;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class QueueHoldsTest {

    @Test
    void aPersonsHoldIsTheLastRecordHandedInThatLifeOfTheDataset() {
        QueueHolds holds = new QueueHolds(10);
        holds.hold("rubrix.records.team-a.d@2026-12-07T10:00:00Z", "ana", "r1");
        holds.hold("rubrix.records.team-a.d@2026-12-07T10:00:00Z", "ana", "r2");
        holds.hold("rubrix.records.team-a.d@2026-12-07T10:00:00Z", "cara", "r3");

        assertEquals(Optional.of("r2"), holds.held("rubrix.records.team-a.d@2026-12-07T10:00:00Z", "ana"));
        assertEquals(Optional.of("r3"), holds.held("rubrix.records.team-a.d@2026-12-07T10:00:00Z", "cara"));
        assertEquals(Optional.empty(), holds.held("rubrix.records.team-a.d@2026-12-07T10:00:00Z", "dan"));
        // the dataset deleted and logged again under its name: the old hold names nothing in it
        assertEquals(Optional.empty(), holds.held("rubrix.records.team-a.d@2026-12-07T11:00:00Z", "ana"));
    }

    @Test
    void aHoldEndsWithTheClaimsLife() throws InterruptedException {
        QueueHolds holds = new QueueHolds(0);
        holds.hold("scope", "ana", "r1");
        Thread.sleep(5);
        assertEquals(Optional.empty(), holds.held("scope", "ana"));
    }

    @Test
    void holdsWhoseClaimRanOutAreForgottenOnceThereAreMany() throws InterruptedException {
        QueueHolds expired = new QueueHolds(0);
        for (int n = 0; n <= QueueHolds.PURGE_ABOVE; n++) {
            expired.hold("scope", "user-" + n, "r" + n);
        }
        Thread.sleep(5);
        expired.hold("scope", "ana", "r1");
        assertEquals(1, expired.size());
    }
}

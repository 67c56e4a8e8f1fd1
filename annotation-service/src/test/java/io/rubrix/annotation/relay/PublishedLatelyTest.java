package io.rubrix.annotation.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PublishedLatelyTest {

    @Test
    void keepsWhatWasMarkedForSeveralRefreshesThenForgetsIt() {
        PublishedLately lately = new PublishedLately();
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        lately.add(List.of("e1", "e2"), at);
        lately.add(List.of("e3"), at.plusSeconds(2));

        assertEquals(List.of("e1", "e2", "e3"), lately.ids(at.plusSeconds(1)).stream().sorted().toList());
        assertEquals(List.of("e1", "e2", "e3"), lately.ids(at.plus(PublishedLately.KEPT)).stream().sorted().toList());
        assertEquals(List.of("e3"), lately.ids(at.plus(PublishedLately.KEPT).plusMillis(1)));
        assertEquals(List.of(), lately.ids(at.plusSeconds(2).plus(PublishedLately.KEPT).plusMillis(1)));
    }
}

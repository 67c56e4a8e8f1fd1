package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.common.testing.SettableClock;

/** Where requests from an event loop go: the hosts in turn, without one that failed, until its pause is over. */
class ClusterHostsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final ClusterHosts hosts = new ClusterHosts(List.of("es-1:9200", "es-2:9201", " es-3 "), clock);

    @Test
    void hostsAreTakenInTurnWithTheirPorts() {
        assertThat(taken(6)).containsExactly("es-1:9200", "es-2:9201", "es-3:9200", "es-1:9200", "es-2:9201", "es-3:9200");
    }

    @Test
    void aHostThatFailedIsLeftOutUntilItsPauseIsOver() {
        hosts.failed(host("es-2:9201"));

        assertThat(taken(4)).containsExactly("es-1:9200", "es-3:9200", "es-3:9200", "es-1:9200");
        clock.advance(ClusterHosts.FIRST_PAUSE.minusSeconds(1));
        assertThat(taken(3)).doesNotContain("es-2:9201");
        clock.advance(Duration.ofSeconds(1));
        assertThat(taken(3)).containsExactlyInAnyOrder("es-1:9200", "es-2:9201", "es-3:9200");
    }

    @Test
    void aHostThatAnsweredIsTakenAgainAtOnce() {
        hosts.failed(host("es-1:9200"));
        hosts.answered(host("es-1:9200"));

        assertThat(taken(3)).containsExactlyInAnyOrder("es-1:9200", "es-2:9201", "es-3:9200");
    }

    @Test
    void whenEveryHostFailedTheOneLeftOutFirstIsTried() {
        hosts.failed(host("es-2:9201"));
        clock.advance(Duration.ofSeconds(5));
        hosts.failed(host("es-3:9200"));
        hosts.failed(host("es-1:9200"));

        assertThat(taken(3)).containsOnly("es-2:9201");
    }

    @Test
    void aSingleHostIsAlwaysTried() {
        ClusterHosts single = new ClusterHosts(List.of("localhost:9200"), clock);
        single.failed(single.next());

        assertThat(single.next()).hasToString("localhost:9200");
    }

    @Test
    void pausesGrowWithFailuresInARowUpToHalfAnHour() {
        assertThat(ClusterHosts.pause(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ClusterHosts.pause(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ClusterHosts.pause(5)).isEqualTo(Duration.ofMinutes(4));
        assertThat(ClusterHosts.pause(40)).isEqualTo(Duration.ofMinutes(30));

        hosts.failed(host("es-1:9200"));
        hosts.failed(host("es-1:9200"));
        hosts.failed(host("es-1:9200"));
        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(taken(4)).doesNotContain("es-1:9200");
        clock.advance(Duration.ofSeconds(1));
        assertThat(taken(3)).contains("es-1:9200");
    }

    private List<String> taken(int count) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(hosts.next().toString());
        }
        return taken;
    }

    private static ClusterHosts.Host host(String address) {
        return ClusterHosts.Host.parse(address);
    }
}

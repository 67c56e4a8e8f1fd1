package io.rubrix.common.elasticsearch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Elasticsearch hosts that requests sent from an event loop go to ({@link EventLoopRequests}), in turn, leaving
 * out for a while a host that could not be reached, as the REST client does for the requests it sends: one minute
 * after its first failure, then longer after each failure in a row (times the square root of two, at most 30
 * minutes). When every host is left out, the one left out first is tried: a single-host cluster is always tried, and
 * the first host back is found.
 */
final class ClusterHosts {

    static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(30);

    /** {@code host:port}, as {@code quarkus.elasticsearch.hosts} lists them. */
    record Host(String name, int port) {

        static Host parse(String address) {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                return new Host(address.trim(), 9200);
            }
            return new Host(address.substring(0, colon).trim(), Integer.parseInt(address.substring(colon + 1).trim()));
        }

        @Override
        public String toString() {
            return name + ":" + port;
        }
    }

    private record Unreachable(Instant until, int failures) {
    }

    private final List<Host> hosts;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Host, Unreachable> unreachable = new ConcurrentHashMap<>();

    ClusterHosts(List<String> addresses, Clock clock) {
        this.hosts = addresses.stream().map(Host::parse).toList();
        this.clock = clock;
    }

    int size() {
        return hosts.size();
    }

    /** The next host in turn that is not left out, or the one that was left out first. */
    Host next() {
        Instant now = clock.instant();
        int start = next.getAndIncrement();
        for (int i = 0; i < hosts.size(); i++) {
            Host host = hosts.get(Math.floorMod(start + i, hosts.size()));
            Unreachable state = unreachable.get(host);
            if (state == null || !state.until().isAfter(now)) {
                return host;
            }
        }
        return hosts.stream().min(Comparator.comparing(host -> unreachable.get(host).until())).orElseThrow();
    }

    /** {@code host} answered: it is taken in turn again. */
    void answered(Host host) {
        if (!unreachable.isEmpty()) {
            unreachable.remove(host);
        }
    }

    /** {@code host} could not be reached or did not answer: it is left out for a while. */
    void failed(Host host) {
        unreachable.compute(host, (key, before) -> {
            int failures = before == null ? 1 : before.failures() + 1;
            return new Unreachable(clock.instant().plus(pause(failures)), failures);
        });
    }

    static Duration pause(int failuresInARow) {
        double factor = Math.pow(2, 0.5 * (failuresInARow - 1));
        long millis = (long) Math.min(FIRST_PAUSE.toMillis() * factor, LONGEST_PAUSE.toMillis());
        return Duration.ofMillis(millis);
    }
}

package io.rubrix.ui.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas of one service the gateway balances its requests over, in turn (docs/adr/0016-fleet-and-traces.md).
 * A replica that refuses a connection, or whose readiness fails, is left out until its readiness answers again
 * ({@link ReplicaReadiness}). When every replica is left out, they are all tried in turn: a service of one replica is
 * always tried, and a request finds the first replica back without waiting for the next readiness round.
 */
final class ServiceReplicas {

    private final Service service;
    private final List<URI> replicas;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<URI, Boolean> leftOut = new ConcurrentHashMap<>();

    ServiceReplicas(Service service, List<URI> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no address for " + service + "-service");
        }
        this.service = service;
        this.replicas = List.copyOf(replicas);
    }

    Service service() {
        return service;
    }

    List<URI> all() {
        return replicas;
    }

    int size() {
        return replicas.size();
    }

    /** The next replica in turn that is not left out; when all are, the next in turn. */
    URI next() {
        int start = next.getAndIncrement();
        for (int i = 0; i < replicas.size(); i++) {
            URI replica = replicas.get(Math.floorMod(start + i, replicas.size()));
            if (!leftOut.containsKey(replica)) {
                return replica;
            }
        }
        return replicas.get(Math.floorMod(start, replicas.size()));
    }

    /** It refused a connection, or its readiness failed: left out until it is ready again. */
    void leaveOut(URI replica) {
        leftOut.put(replica, Boolean.TRUE);
    }

    void ready(URI replica) {
        leftOut.remove(replica);
    }

    boolean isLeftOut(URI replica) {
        return leftOut.containsKey(replica);
    }

    /** Whether {@code url} is one of these replicas (a Location header naming one is the gateway's to rewrite). */
    boolean contains(URI url) {
        return replicas.stream().anyMatch(replica -> replica.getPort() == url.getPort()
                && java.util.Objects.equals(replica.getHost(), url.getHost()));
    }
}

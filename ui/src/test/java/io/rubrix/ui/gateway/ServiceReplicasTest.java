package io.rubrix.ui.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceReplicasTest {

    private static final URI A = URI.create("http://127.0.0.1:8082");
    private static final URI B = URI.create("http://127.0.0.1:8182");
    private static final URI C = URI.create("http://127.0.0.1:8282");

    @Test
    void replicasTakeTurnsAndOneLeftOutIsSkippedUntilReady() {
        ServiceReplicas replicas = new ServiceReplicas(Service.query, List.of(A, B, C));
        assertThat(take(replicas, 6)).containsExactly(A, B, C, A, B, C);
        replicas.leaveOut(B);
        assertThat(take(replicas, 6)).containsOnly(A, C).hasSize(6);
        replicas.ready(B);
        assertThat(take(replicas, 3)).contains(B);
    }

    @Test
    void whenEveryReplicaIsLeftOutTheyAreAllTriedInTurn() {
        ServiceReplicas replicas = new ServiceReplicas(Service.query, List.of(A, B));
        replicas.leaveOut(A);
        replicas.leaveOut(B);
        assertThat(take(replicas, 4)).containsExactly(A, B, A, B);
        ServiceReplicas single = new ServiceReplicas(Service.ingest, List.of(A));
        single.leaveOut(A);
        assertThat(single.next()).isEqualTo(A);
    }

    @Test
    void aLocationAtAnyReplicaIsTheServicesOwn() {
        ServiceReplicas replicas = new ServiceReplicas(Service.annotation, List.of(A, B));
        assertThat(replicas.contains(URI.create("http://127.0.0.1:8182/api/jobs/1"))).isTrue();
        assertThat(replicas.contains(URI.create("http://example.com:8182/api/jobs/1"))).isFalse();
        assertThatThrownBy(() -> new ServiceReplicas(Service.query, List.of())).hasMessageContaining("query-service");
    }

    private static List<URI> take(ServiceReplicas replicas, int count) {
        List<URI> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(replicas.next());
        }
        return taken;
    }
}

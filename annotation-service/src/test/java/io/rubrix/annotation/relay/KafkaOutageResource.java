package io.rubrix.annotation.relay;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rubrix.common.testing.TcpProxy;

/**
 * Puts a {@link TcpProxy} between the relay and the test Kafka, on the broker's OUTAGE listener (which
 * advertises the proxy's port 19094, see infra/kafka/server.properties), so that a test can cut the relay off
 * Kafka while the broker keeps running, and bring it back.
 */
public class KafkaOutageResource implements QuarkusTestResourceLifecycleManager {

    static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy("127.0.0.1", 9094, 19094).start();
        return Map.of("mp.messaging.outgoing.label-events.bootstrap.servers", "127.0.0.1:19094",
                "mp.messaging.outgoing.label-events.delivery.timeout.ms", "3000",
                "mp.messaging.outgoing.label-events.request.timeout.ms", "1000",
                "mp.messaging.outgoing.label-events.max.block.ms", "1000",
                "rubrix.annotations.relay.delivery-timeout", "3s",
                "rubrix.annotations.relay.max-backoff", "1s");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}

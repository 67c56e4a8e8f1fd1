package io.rubrix.ingest.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TcpProxy;

/** Puts a {@link TcpProxy} between the service and the test Elasticsearch, so a test can cut it off. */
public class ElasticsearchProxyResource implements QuarkusTestResourceLifecycleManager {

    static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String[] target = ElasticsearchTestClient.address().split(":");
        proxy = new TcpProxy(target[0], Integer.parseInt(target[1])).start();
        return Map.of("quarkus.elasticsearch.hosts", "127.0.0.1:" + proxy.port());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}

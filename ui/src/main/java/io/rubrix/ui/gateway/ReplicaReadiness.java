package io.rubrix.ui.gateway;

import java.net.URI;
import java.util.Collection;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Asks every replica of a service that has several whether it is ready ({@code /q/health/ready} on its management
 * port: its public port + {@code rubrix.gateway.readiness-port-offset}), every {@code rubrix.gateway.readiness-interval}:
 * a replica that is not (starting, stopping, Elasticsearch unreachable from it) or does not answer is left out, and
 * taken back once it is. A service of one replica is not asked: it is always tried (in Kubernetes it is a Service,
 * whose own readiness does this).
 */
final class ReplicaReadiness {

    private final HttpClient client;
    private final GatewayConfig config;

    ReplicaReadiness(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.readinessTimeout().toMillis()).setKeepAlive(true));
    }

    void watch(Vertx vertx, Collection<ServiceReplicas> services) {
        for (ServiceReplicas service : services) {
            if (service.size() > 1) {
                service.all().forEach(replica -> check(service, replica));
                vertx.setPeriodic(config.readinessInterval().toMillis(),
                        ignored -> service.all().forEach(replica -> check(service, replica)));
            }
        }
    }

    private void check(ServiceReplicas service, URI replica) {
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(replica.getHost())
                        .setPort(replica.getPort() + config.readinessPortOffset()).setURI("/q/health/ready")
                        .setIdleTimeout(config.readinessTimeout().toMillis()))
                .compose(request -> request.send().compose(response -> response.body().map(response.statusCode())))
                .onComplete(answer -> {
                    boolean ready = answer.succeeded() && answer.result() == 200;
                    boolean wasLeftOut = service.isLeftOut(replica);
                    if (ready) {
                        service.ready(replica);
                    } else {
                        service.leaveOut(replica);
                    }
                    if (ready == wasLeftOut) {
                        Log.infof("%s-service replica %s is %s", service.service(), replica,
                                ready ? "ready: taken in turn again" : "not ready: left out");
                    }
                });
    }
}

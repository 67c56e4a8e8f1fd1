package io.rubrix.ui.gateway;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Each service's replicas, as configured ({@link GatewayConfig}). */
@ApplicationScoped
public class Replicas {

    private final Map<Service, ServiceReplicas> byService = new EnumMap<>(Service.class);

    public Replicas(GatewayConfig config) {
        for (Service service : Service.values()) {
            byService.put(service, new ServiceReplicas(service, config.urlsOf(service)));
        }
    }

    ServiceReplicas of(Service service) {
        return byService.get(service);
    }

    Collection<ServiceReplicas> all() {
        return byService.values();
    }
}

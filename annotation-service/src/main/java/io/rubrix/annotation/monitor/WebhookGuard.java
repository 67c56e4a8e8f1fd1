package io.rubrix.annotation.monitor;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Keeps webhooks off the local network unless the operator allows it ({@code rubrix.monitors.webhook-local-network}):
 * a monitor's admin must not make the service POST into Elasticsearch, Kafka's REST proxies or a cloud's metadata
 * endpoint (server-side request forgery; GitLab's webhooks refuse the local network by default the same way). The
 * host is resolved when the monitor is written and again before each delivery; the network policy (k8s) is the guard
 * that also holds against a name that resolves elsewhere in between.
 */
@ApplicationScoped
public class WebhookGuard {

    private final MonitorConfig config;

    public WebhookGuard(MonitorConfig config) {
        this.config = config;
    }

    /** Why {@code url} may not be posted to, if it may not (resolved off the event loop). */
    public Uni<Optional<String>> refusal(String url) {
        if (config.webhookLocalNetwork()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(() -> refusalOf(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static Optional<String> refusalOf(String url) {
        String host = URI.create(url).getHost();
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (local(address)) {
                    return Optional.of(host + " is on the local network (" + address.getHostAddress()
                            + "); an operator allows that with rubrix.monitors.webhook-local-network=true");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty(); // nowhere to post to yet: the delivery fails and says so
        }
    }

    static boolean local(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedCarrier = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal6 || sharedCarrier;
    }
}

package io.rubrix.common.http;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers a body announced larger than {@code quarkus.http.limits.max-body-size} with a 413 problem,
 * before anything is read or written. (Without a Content-Length the HTTP layer still refuses the body
 * once it passes the limit, with a bare 413.)
 */
@ApplicationScoped
public class OversizedBodies {

    private final Optional<MemorySize> limit;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void refuseOversizedBodies(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()
                    && Long.parseLong(length) > max) {
                context.response().setStatusCode(413)
                        .putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close")
                        .end("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,\"detail\":"
                                + "\"The body is " + length + " bytes; the limit is " + max
                                + " bytes. Send fewer records per request.\"}");
            } else {
                context.next();
            }
        });
    }
}

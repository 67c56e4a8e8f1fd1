package io.rubrix.common.http;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body larger than {@code quarkus.http.limits.max-body-size} with a 413 problem: before anything is read
 * when its Content-Length says so, else (chunked) when the HTTP layer fails the request as the body passes the limit.
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
                refuse(context, "The body is " + length + " bytes; the limit is " + max
                        + " bytes. Send fewer records per request.");
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context, "The body is larger than the limit of " + max + " bytes. Send fewer records per request.");
            } else {
                context.next();
            }
        });
    }

    private static void refuse(RoutingContext context, String detail) {
        context.response().setStatusCode(413)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", "close")
                .end("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,\"detail\":\""
                        + detail + "\"}");
    }
}

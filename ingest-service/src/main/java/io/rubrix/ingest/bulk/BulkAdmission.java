package io.rubrix.ingest.bulk;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the bytes of HTTP bulks in work at once, from the moment their body is read until they are answered. Read
 * and bound to records, a bulk takes several times its size in the heap: three 64 MB bulks at once ran the service
 * out of memory (500s, and an OutOfMemoryError can stop any thread, the Kafka consumer's too). A bulk whose declared
 * length (Content-Length; the body limit when chunked) would pass the budget while others are in work is answered 503
 * with Retry-After before its body is read; one alone always goes (the body limit bounds it). The Rubrix client's
 * bulks (500 records, a few hundred kB) meet the bound only 100 at a time.
 *
 * <p>Only a caller with a valid token takes a share of the budget: the gate has the token verified first.
 */
@ApplicationScoped
public class BulkAdmission {

    static final int ORDER = -50;

    private final long budget;
    private final long bodyLimit;
    private final AtomicLong inWork = new AtomicLong();

    public BulkAdmission(@ConfigProperty(name = "rubrix.limits.bulk-bytes-in-work") MemorySize budget,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit) {
        this.budget = budget.asLongValue();
        this.bodyLimit = bodyLimit.asLongValue();
    }

    void gateBulks(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST || !context.request().path().endsWith(":bulk")) {
            context.next();
            return;
        }
        // the caller's token is verified first (once: the identity stays with the request); without a valid one the
        // bulk goes on to be refused by the API with 401, having taken no share
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> {
            if (identity.isAnonymous()) {
                context.next();
            } else {
                admitKnown(context);
            }
        }, failure -> context.next());
    }

    private void admitKnown(RoutingContext context) {
        long bytes = Math.min(declaredLength(context), bodyLimit);
        long before = inWork.getAndAdd(bytes);
        if (before > 0 && before + bytes > budget) {
            inWork.addAndGet(-bytes);
            context.response().setStatusCode(503)
                    .putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", "1")
                    .end("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"The "
                            + "service is writing other large bulks (" + (before >> 20) + " MB); send this one again "
                            + "in a moment, or in smaller chunks\"}");
            return;
        }
        context.addEndHandler(ended -> inWork.addAndGet(-bytes)); // answered, failed or the connection gone
        context.next();
    }

    private long declaredLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length == null || length.isEmpty() || !length.chars().allMatch(Character::isDigit) || length.length() > 18) {
            return bodyLimit; // chunked: it may be as large as the limit
        }
        return Long.parseLong(length);
    }

    /** Bytes of bulks in work now (tests). */
    long inWork() {
        return inWork.get();
    }
}

package io.rubrix.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Rubrix paths put a colon after a path segment ({@code /TextClassification:bulk}). Some HTTP clients send
 * it percent-encoded ({@code %3A}), which JAX-RS matching does not decode: such requests are routed again
 * with the colon decoded, so that both spellings reach the same endpoint.
 */
@ApplicationScoped
public class EncodedColonPaths {

    void decodeColons(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String path = context.request().path();
            if (path != null && (path.contains("%3A") || path.contains("%3a"))) {
                String query = context.request().query();
                String decoded = path.replace("%3A", ":").replace("%3a", ":");
                context.reroute(query == null ? decoded : decoded + "?" + query);
            } else {
                context.next();
            }
        });
    }
}

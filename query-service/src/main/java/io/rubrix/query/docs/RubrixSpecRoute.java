package io.rubrix.query.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/** The Rubrix client reads the OpenAPI document at {@code /api/docs/spec.json} during {@code rb.init}. */
@ApplicationScoped
public class RubrixSpecRoute {

    void serveSpec(@Observes Router router) {
        router.get("/api/docs/spec.json").handler(context -> context.reroute("/q/openapi?format=json"));
    }
}

package io.rubrix.ui.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyResponse;

/** The gateway's own answers, in the services' error format ({@code application/problem+json}). */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static void fill(ProxyResponse response, int status, String title, String detail) {
        response.headers().clear();
        if (status == 503) {
            response.putHeader("Retry-After", "5");
        }
        response.putHeader("Content-Type", MEDIA_TYPE).setBody(Body.body(body(status, title, detail)));
    }

    /** The gateway's own answer to a request it does not forward. */
    static void answer(RoutingContext context, int status, String title, String detail) {
        context.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .end(body(status, title, detail));
    }

    private static Buffer body(int status, String title, String detail) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).toBuffer();
    }
}

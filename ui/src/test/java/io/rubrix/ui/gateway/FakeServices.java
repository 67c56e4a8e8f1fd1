package io.rubrix.ui.gateway;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Three small HTTP servers standing in for the services, so that the gateway's routing, streaming and failure
 * answers can be checked in isolation (the end-to-end suite runs the real services). Each answers what it received:
 * its name, method, URI, Authorization header and the number of body bytes, with the status {@code ?status=}
 * names (200 without it), and a {@code Location} that {@code ?location=} names ({@code self}: its own address).
 * {@code /download/<n>} streams n MB;
 * {@code /silent} never answers.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    static final Vertx VERTX = Vertx.vertx();
    static final Map<Service, Integer> PORTS = new java.util.EnumMap<>(Service.class);
    static final Map<Service, HttpServer> SERVERS = new java.util.EnumMap<>(Service.class);

    @Override
    public Map<String, String> start() {
        for (Service service : Service.values()) {
            SERVERS.put(service, listen(service, 0));
            PORTS.put(service, SERVERS.get(service).actualPort());
        }
        return Map.of("rubrix.gateway.ingest-url", "http://127.0.0.1:" + PORTS.get(Service.ingest),
                "rubrix.gateway.query-url", "http://127.0.0.1:" + PORTS.get(Service.query),
                "rubrix.gateway.annotation-url", "http://127.0.0.1:" + PORTS.get(Service.annotation),
                "rubrix.gateway.idle-timeout", "2s",
                "quarkus.http.limits.max-body-size", "25M");
    }

    static HttpServer listen(Service service, int port) {
        try {
            return VERTX.createHttpServer().requestHandler(request -> {
                if (request.path().endsWith("/silent")) {
                    return;
                }
                if (request.path().equals("/q/openapi")) {
                    request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("openapi", "3.1.0")
                            .put("paths", new JsonObject().put("/api/" + service + "-only", new JsonObject()
                                    .put("get", new JsonObject().put("summary", service + " operation"))))
                            .put("components", new JsonObject().put("schemas", new JsonObject()
                                    .put(service + "Schema", new JsonObject().put("type", "object")))).encode());
                    return;
                }
                if (request.path().endsWith("/bare")) { // what a service's HTTP layer answers before its code runs
                    request.response().setStatusCode(Integer.parseInt(request.getParam("status"))).end();
                    return;
                }
                if (request.path().contains("/download/")) {
                    int megabytes = Integer.parseInt(request.path().substring(request.path().lastIndexOf('/') + 1));
                    request.response().setChunked(true).putHeader("Content-Type", "application/x-ndjson");
                    Buffer chunk = Buffer.buffer(new byte[1 << 20]);
                    for (int i = 0; i < megabytes; i++) {
                        request.response().write(chunk);
                    }
                    request.response().end();
                    return;
                }
                long[] bytes = {0};
                request.handler(data -> bytes[0] += data.length());
                String status = request.getParam("status");
                String location = request.getParam("location"); // "self": a Location at this service's own address
                if (location != null) {
                    request.response().putHeader("Location", location.equals("self")
                            ? "http://127.0.0.1:" + request.localAddress().port() + "/api/jobs/j1?x=1" : location);
                }
                request.endHandler(done -> request.response().putHeader("Content-Type", "application/json")
                        .setStatusCode(status == null ? 200 : Integer.parseInt(status))
                        .end(new JsonObject().put("service", service.name()).put("method", request.method().name())
                                .put("uri", request.uri()).put("authorization", request.getHeader("Authorization"))
                                .put("cookie", request.getHeader("Cookie"))
                                .put("bytes", bytes[0]).encode()));
            }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake " + service, e);
        }
    }

    static void stop(Service service) throws Exception {
        SERVERS.get(service).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void restart(Service service) {
        SERVERS.put(service, listen(service, PORTS.get(service)));
    }

    @Override
    public void stop() {
        VERTX.close();
    }
}

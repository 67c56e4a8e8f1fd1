package io.rubrix.ui.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Two replicas of query-service standing in for the real ones (the others are one each): each answers its own port,
 * and {@code /q/health/ready} with 200, or 503 once told it is not ready. Their readiness is asked on their public
 * port (offset 0), every 200 ms.
 */
public class FakeReplicas implements QuarkusTestResourceLifecycleManager {

    static final Vertx VERTX = Vertx.vertx();
    static final int[] QUERY = new int[2];
    static final Map<Integer, HttpServer> SERVERS = new ConcurrentHashMap<>();
    static final Map<Integer, Boolean> NOT_READY = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        for (int i = 0; i < QUERY.length; i++) {
            QUERY[i] = listen(0).actualPort();
        }
        int other = listen(0).actualPort();
        return Map.of("rubrix.gateway.query-url", "http://127.0.0.1:" + QUERY[0] + ",http://127.0.0.1:" + QUERY[1],
                "rubrix.gateway.ingest-url", "http://127.0.0.1:" + other,
                "rubrix.gateway.annotation-url", "http://127.0.0.1:" + other,
                "rubrix.gateway.readiness-port-offset", "0",
                "rubrix.gateway.readiness-interval", "200ms");
    }

    static HttpServer listen(int port) {
        try {
            HttpServer server = VERTX.createHttpServer().requestHandler(request -> {
                int own = request.localAddress().port();
                if (request.path().equals("/q/health/ready")) {
                    request.response().setStatusCode(NOT_READY.getOrDefault(own, false) ? 503 : 200).end();
                    return;
                }
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("replica", own).encode());
            }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            SERVERS.put(server.actualPort(), server);
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a fake replica", e);
        }
    }

    static void kill(int port) throws Exception {
        SERVERS.remove(port).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static List<Integer> query() {
        return List.of(QUERY[0], QUERY[1]);
    }

    @Override
    public void stop() {
        VERTX.close();
    }
}

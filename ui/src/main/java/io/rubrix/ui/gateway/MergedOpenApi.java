package io.rubrix.ui.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One OpenAPI document for the whole API, served at {@code /api/docs/openapi.json} (Swagger UI at {@code /api/docs}
 * reads it): the paths and schemas of the three services' own documents, fetched and kept for a short while. A
 * service that does not answer is left out and named under {@code x-rubrix-missing}.
 */
@ApplicationScoped
public class MergedOpenApi {

    static final Duration KEPT = Duration.ofSeconds(30);

    private final Replicas replicas;
    private volatile JsonObject merged;
    private volatile long mergedAt;

    public MergedOpenApi(Replicas replicas) {
        this.replicas = replicas;
    }

    void serve(RoutingContext context, HttpClient client) {
        document(client).onComplete(done -> {
            if (done.succeeded()) {
                context.response().putHeader("Content-Type", "application/json").end(done.result().toBuffer());
            } else {
                context.fail(done.cause());
            }
        });
    }

    private Future<JsonObject> document(HttpClient client) {
        JsonObject cached = merged;
        if (cached != null && System.nanoTime() - mergedAt < KEPT.toNanos()) {
            return Future.succeededFuture(cached);
        }
        List<Future<JsonObject>> parts = new ArrayList<>();
        for (Service service : Service.values()) {
            parts.add(fetch(client, replicas.of(service).next()).otherwise(failure -> {
                Log.debugf("No OpenAPI document from %s-service: %s", service, failure.getMessage());
                return null;
            }));
        }
        return Future.join(parts).map(all -> {
            JsonObject document = new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", "Rubrix API").put("version", "0.1.0")
                            .put("description", "Every endpoint behind the gateway; each one's owner is in its tags."));
            JsonObject paths = new JsonObject();
            JsonObject schemas = new JsonObject();
            JsonObject securitySchemes = new JsonObject();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Service service = Service.values()[i];
                JsonObject part = parts.get(i).result();
                if (part == null) {
                    missing.add(service + "-service");
                    continue;
                }
                merge(service, part, paths, schemas);
                securitySchemes.mergeIn(part.getJsonObject("components", new JsonObject())
                        .getJsonObject("securitySchemes", new JsonObject()));
            }
            document.put("paths", paths).put("components", new JsonObject().put("schemas", schemas)
                    .put("securitySchemes", securitySchemes));
            if (!missing.isEmpty()) {
                document.put("x-rubrix-missing", missing);
            } else {
                merged = document;
                mergedAt = System.nanoTime();
            }
            return document;
        });
    }

    /** The operations of {@code part} added to {@code paths}, each tagged with its service; a taken slot is kept. */
    private static void merge(Service service, JsonObject part, JsonObject paths, JsonObject schemas) {
        JsonObject ownPaths = part.getJsonObject("paths", new JsonObject());
        for (String path : ownPaths.fieldNames()) {
            JsonObject operations = paths.getJsonObject(path);
            if (operations == null) {
                operations = new JsonObject();
                paths.put(path, operations);
            }
            JsonObject own = ownPaths.getJsonObject(path);
            for (String method : own.fieldNames()) {
                Object operation = own.getValue(method);
                if (operation instanceof JsonObject described) {
                    described.put("tags", new io.vertx.core.json.JsonArray().add(service + "-service"));
                }
                if (!operations.containsKey(method)) {
                    operations.put(method, operation);
                }
            }
        }
        JsonObject ownSchemas = part.getJsonObject("components", new JsonObject()).getJsonObject("schemas");
        if (ownSchemas != null) {
            ownSchemas.forEach(schema -> {
                if (!schemas.containsKey(schema.getKey())) {
                    schemas.put(schema.getKey(), schema.getValue());
                }
            });
        }
    }

    private static Future<JsonObject> fetch(HttpClient client, URI url) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost()).setPort(url.getPort())
                        .setURI("/q/openapi?format=json").setTimeout(5_000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("answered " + response.statusCode()))
                .map(JsonObject::new);
    }
}

package io.rubrix.common.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import io.opentelemetry.api.trace.Span;
import io.rubrix.common.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The one way our services talk to Elasticsearch: JSON in, JSON out, without blocking a thread.
 * A refusal by the cluster fails with {@link ElasticsearchException}; an unreachable cluster, or an unreadable
 * answer, fails with {@link StorageUnavailable}, so callers never leak an {@link IOException} as a 500.
 */
@ApplicationScoped
public class Elasticsearch {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final RestClient client;
    private final EventLoopRequests eventLoop;
    private final ObjectMapper json;
    private final ElasticsearchSpans spans;
    private final SingleDocuments singleDocuments;

    @Inject
    public Elasticsearch(RestClient client, EventLoopRequests eventLoop, ObjectMapper json, ElasticsearchSpans spans) {
        this.client = client;
        this.eventLoop = eventLoop;
        this.json = json;
        this.spans = spans;
        this.singleDocuments = new SingleDocuments(this, json);
    }

    /** Without spans (tests that build it themselves). */
    public Elasticsearch(RestClient client, EventLoopRequests eventLoop, ObjectMapper json) {
        this(client, eventLoop, json, ElasticsearchSpans.off());
    }

    public Uni<JsonNode> get(String path) {
        return send("GET", path, null, Map.of());
    }

    /**
     * Document {@code id} of {@code index} as a get answers it (realtime), read in one {@code _mget} with what other
     * callers read meanwhile ({@link GroupCommit}); a missing document or index fails with a 404, as a get does.
     */
    public Uni<JsonNode> document(String index, String id) {
        return singleDocuments.read(index, id);
    }

    /**
     * One document written in one {@code _bulk} with what other callers write meanwhile ({@link GroupCommit}):
     * answers the item ({@code _seq_no}, {@code _primary_term}, {@code result}); a refused item fails with its
     * status, as the single write would (409 for a version check).
     */
    public Uni<JsonNode> write(DocumentWrite write) {
        return singleDocuments.write(write);
    }

    public Uni<JsonNode> send(String method, String path, Object body) {
        return send(method, path, body, Map.of());
    }

    /**
     * {@code body} is an {@link NdjsonBody} (a {@code _bulk}), a String (sent as is), a JsonNode, or any
     * object Jackson can write.
     */
    public Uni<JsonNode> send(String method, String path, Object body, Map<String, String> parameters) {
        if (EventLoopRequests.canSendFromHere()) {
            return fromEventLoop(method, path, body, parameters).map(answer -> {
                try {
                    return answer.length == 0 ? NullNode.getInstance() : json.readTree(answer);
                } catch (IOException e) {
                    throw new StorageUnavailable("Elasticsearch answer unreadable: " + e.getMessage(), e);
                }
            });
        }
        return perform(request(method, path, body, parameters)).map(response -> {
            try {
                return read(response.getEntity());
            } catch (IOException e) {
                throw new StorageUnavailable("Elasticsearch answer unreadable: " + e.getMessage(), e);
            }
        });
    }

    /** As {@link #send(String, String, Object, Map)}, the answer's bytes unparsed (for callers that stream them). */
    public Uni<byte[]> sendForBytes(String method, String path, Object body, Map<String, String> parameters) {
        if (EventLoopRequests.canSendFromHere()) {
            return fromEventLoop(method, path, body, parameters);
        }
        return throughRestClient(method, path, body, parameters);
    }

    /**
     * A page of a long read (an export's), its bytes unparsed: always through the REST client, whose I/O threads read
     * the next page while the caller's event loop writes this one out. Sent from the event loop itself, the export
     * lost an eighth of its rate (ADR 0003).
     */
    public Uni<byte[]> scanPage(String path, Object body, Map<String, String> parameters) {
        return throughRestClient("POST", path, body, parameters);
    }

    private Uni<byte[]> throughRestClient(String method, String path, Object body, Map<String, String> parameters) {
        Request request = request(method, path, body, parameters);
        request.setOptions(request.getOptions().toBuilder().setHttpAsyncResponseConsumerFactory(WholeAnswer.FACTORY));
        return perform(request).map(response -> {
            try {
                return response.getEntity() == null ? new byte[0] : bytesOf(response.getEntity());
            } catch (IOException e) {
                throw new StorageUnavailable("Elasticsearch answer unreadable: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The request sent from the caller's event loop ({@link EventLoopRequests}): its answer's bytes, or a refusal as
     * the REST client fails with it (a status of 300 or more).
     */
    private Uni<byte[]> fromEventLoop(String method, String path, Object body, Map<String, String> parameters) {
        Buffer bytes = body == null ? null
                : body instanceof NdjsonBody lines ? lines.buffer() : Buffer.buffer(bytes(body));
        return eventLoop.send(method, path, parameters, bytes, contentType(path).toString()).map(answer -> {
            if (answer.status() >= 300) {
                throw refusal(method, path, answer.status(), answer.body());
            }
            return answer.body();
        });
    }

    /** The answer's bytes: as {@link WholeAnswer}, the consumer of every {@link #sendForBytes}, read them. */
    private static byte[] bytesOf(HttpEntity entity) throws IOException {
        return entity instanceof WholeAnswer.Bytes whole ? whole.bytes() : EntityUtils.toByteArray(entity);
    }

    /**
     * Sends a {@code _bulk} and reads its answer only as far as needed ({@link BulkAnswer}). For callers that
     * need every item of a successful bulk (e.g. the versions written), {@link #send} answers the whole of it.
     * Sent from the caller's event loop when it runs on one ({@link EventLoopRequests}), as every request is.
     */
    public Uni<BulkAnswer> bulk(NdjsonBody body, Map<String, String> parameters) {
        Uni<byte[]> sent = EventLoopRequests.canSendFromHere()
                ? eventLoop.bulk(parameters, body).map(answer -> {
                    if (answer.status() >= 300) {
                        throw refusal("POST", "/_bulk", answer.status(), answer.body());
                    }
                    return answer.body();
                })
                : throughRestClient("POST", "/_bulk", body, parameters);
        return sent.map(answer -> {
            try {
                return BulkAnswer.read(json, answer);
            } catch (IOException e) {
                throw new StorageUnavailable("Elasticsearch's _bulk answer is unreadable: " + e.getMessage(), e);
            }
        });
    }

    /** True when {@code HEAD path} answers 200 (e.g. an index exists), false on 404. */
    public Uni<Boolean> exists(String path) {
        if (EventLoopRequests.canSendFromHere()) {
            return eventLoop.send("HEAD", path, Map.of(), null, null).map(answer -> {
                if (answer.status() >= 300 && answer.status() != 404) {
                    throw refusal("HEAD", path, answer.status(), answer.body());
                }
                return answer.status() == 200;
            });
        }
        return perform(new Request("HEAD", path)).map(response -> response.getStatusLine().getStatusCode() == 200);
    }

    /**
     * Answers on the caller's Vert.x context when there is one: what follows (often building the next
     * request, e.g. a 500-record _bulk) must not run on, and stall, the client's two I/O reactor threads.
     */
    private Uni<Response> perform(Request request) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            Span span = spans.start(request.getMethod(), request.getEndpoint());
            String traceParent = ElasticsearchSpans.traceParent(span);
            if (traceParent != null) {
                request.setOptions(request.getOptions().toBuilder().addHeader(TraceParents.HEADER, traceParent));
            }
            var cancellable = client.performRequestAsync(request, new ResponseListener() {
                @Override
                public void onSuccess(Response response) {
                    ElasticsearchSpans.answered(span, response.getStatusLine().getStatusCode());
                    onCaller(() -> emitter.complete(response));
                }

                @Override
                public void onFailure(Exception exception) {
                    Throwable failure = translate(request.getMethod(), request.getEndpoint(), exception);
                    if (exception instanceof ResponseException refused) {
                        ElasticsearchSpans.answered(span, refused.getResponse().getStatusLine().getStatusCode());
                    } else {
                        ElasticsearchSpans.failed(span, failure);
                    }
                    onCaller(() -> emitter.fail(failure));
                }

                private void onCaller(Runnable action) {
                    if (caller == null) {
                        action.run();
                    } else {
                        caller.runOnContext(ignored -> action.run());
                    }
                }
            });
            emitter.onTermination(cancellable::cancel);
        });
    }

    private Request request(String method, String path, Object body, Map<String, String> parameters) {
        Request request = new Request(method, path);
        parameters.forEach(request::addParameter);
        if (body != null) {
            request.setEntity(entity(path, body));
        }
        return request;
    }

    private HttpEntity entity(String path, Object body) {
        if (body instanceof NdjsonBody lines) {
            return lines.entity();
        }
        return new ByteArrayEntity(bytes(body), contentType(path));
    }

    private byte[] bytes(Object body) {
        try {
            return body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write an Elasticsearch request body", e);
        }
    }

    private static ContentType contentType(String path) {
        return path.endsWith("_bulk") ? NDJSON : ContentType.APPLICATION_JSON;
    }

    private ElasticsearchException refusal(String method, String path, int status, byte[] answer) {
        JsonNode body;
        try {
            body = answer.length == 0 ? NullNode.getInstance() : json.readTree(answer);
        } catch (IOException | RuntimeException unreadable) {
            body = NullNode.getInstance();
        }
        return refusal(method, path, status, body);
    }

    private static ElasticsearchException refusal(String method, String path, int status, JsonNode body) {
        return new ElasticsearchException(status, body,
                method + " " + path + " answered " + status + ": " + body.path("error").path("reason").asText(""));
    }

    private JsonNode read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return NullNode.getInstance();
        }
        try (InputStream in = entity.getContent()) {
            return json.readTree(in);
        }
    }

    private Throwable translate(String method, String path, Exception exception) {
        if (exception instanceof ResponseException refused) {
            Response response = refused.getResponse();
            JsonNode body;
            try {
                body = read(response.getEntity());
            } catch (IOException | RuntimeException unreadable) {
                body = NullNode.getInstance();
            }
            return refusal(method, path, response.getStatusLine().getStatusCode(), body);
        }
        if (exception instanceof IOException) {
            return new StorageUnavailable("Elasticsearch is unreachable: " + exception.getMessage(), exception);
        }
        return exception;
    }
}

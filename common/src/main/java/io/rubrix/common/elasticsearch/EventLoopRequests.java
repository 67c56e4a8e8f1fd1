package io.rubrix.common.elasticsearch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.rubrix.common.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * Sends requests from the Vert.x event loop that made them, with Vert.x's HTTP client, to the hosts of
 * {@link ElasticsearchConnection}. Through the REST client, each request went to its I/O reactor threads and its
 * answer came back to the event loop: on 2 cores that hand-over, and the Apache client's own work, cost the ingest
 * service 0.6 of its 3.9 CPU-seconds per 100,000 records (ADR 0002) and query-service about a tenth of its CPU per
 * search (ADR 0003). Only from an event loop ({@link #canSendFromHere}): elsewhere the answer would be delivered to
 * the caller's own context, which a blocking caller would hold.
 */
@ApplicationScoped
public class EventLoopRequests {

    /** The REST client's limit on an answer too ({@link WholeAnswer}). */
    static final long LIMIT = 100L * 1024 * 1024;

    private final HttpClient client;
    private final ClusterHosts hosts;
    private final Optional<String> authorization;
    private final long idleTimeoutMillis;
    private final ElasticsearchSpans spans;

    /** Without spans (tests that build it themselves). */
    public EventLoopRequests(Vertx vertx, ElasticsearchConnection connection) {
        this(vertx, connection, ElasticsearchSpans.off());
    }

    @Inject
    public EventLoopRequests(Vertx vertx, ElasticsearchConnection connection, ElasticsearchSpans spans) {
        this.spans = spans;
        this.hosts = new ClusterHosts(connection.hosts(), Clock.systemUTC());
        this.authorization = connection.basicAuthorization();
        this.idleTimeoutMillis = connection.socketTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl("https".equalsIgnoreCase(connection.protocol()))
                .setConnectTimeout((int) connection.connectionTimeout().toMillis())
                .setKeepAlive(true)
                .setTracingPolicy(TracingPolicy.IGNORE), new PoolOptions().setHttp1MaxSize(connection.maxConnectionsPerRoute()));
    }

    /** True on a Vert.x event loop, where {@link #send} answers on the same thread. */
    public static boolean canSendFromHere() {
        Context context = Vertx.currentContext();
        return context != null && context.isEventLoopContext();
    }

    /**
     * Sends {@code method path?parameters} with {@code body} (none when null) of {@code contentType}; answers
     * Elasticsearch's status and whole body, whatever the status, or fails with {@link StorageUnavailable} when it
     * cannot be reached or does not answer within the socket timeout, as the REST client's callers expect. A host that
     * takes no connection is left out for a while ({@link ClusterHosts}) and the request goes to the next one at once:
     * it was not sent.
     */
    Uni<Answer> send(String method, String path, Map<String, String> parameters, Buffer body, String contentType) {
        return send(HttpMethod.valueOf(method), path, parameters, body, contentType, EventLoopRequests::wholeBody,
                hosts.size());
    }

    /** A {@code _bulk}: as {@link #send}, but of an answer whose items all succeeded only its start is read. */
    Uni<Answer> bulk(Map<String, String> parameters, NdjsonBody body) {
        return send(HttpMethod.POST, "/_bulk", parameters, body.buffer(), "application/x-ndjson",
                EventLoopRequests::bodyAsNeeded, hosts.size());
    }

    private Uni<Answer> send(HttpMethod method, String path, Map<String, String> parameters, Buffer body,
            String contentType, Function<HttpClientResponse, Future<byte[]>> reader, int hostsToTry) {
        ClusterHosts.Host host = hosts.next();
        return exchange(host, method, path, parameters, body, contentType, reader)
                .invoke(() -> hosts.answered(host))
                .onFailure().invoke(() -> hosts.failed(host))
                .onFailure(NotConnected.class).recoverWithUni(notConnected -> hostsToTry > 1
                        ? send(method, path, parameters, body, contentType, reader, hostsToTry - 1)
                        : Uni.createFrom().failure(notConnected))
                .onFailure(failure -> !(failure instanceof StorageUnavailable)).transform(failure -> new StorageUnavailable(
                        "Elasticsearch is unreachable: " + failure.getMessage(), failure));
    }

    private Uni<Answer> exchange(ClusterHosts.Host host, HttpMethod method, String path, Map<String, String> parameters,
            Buffer body, String contentType, Function<HttpClientResponse, Future<byte[]>> reader) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host.name())
                .setPort(host.port()).setURI(uri(path, parameters)).setIdleTimeout(idleTimeoutMillis);
        if (body != null) {
            options.putHeader("Content-Type", contentType);
        }
        authorization.ifPresent(value -> options.putHeader("Authorization", value));
        return Uni.createFrom().emitter(emitter -> {
            Span span = spans.start(method.name(), path);
            String traceParent = ElasticsearchSpans.traceParent(span);
            if (traceParent != null) {
                options.putHeader(TraceParents.HEADER, traceParent);
            }
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            client.request(options)
                    .recover(cause -> Future.failedFuture(new NotConnected(host, cause)))
                    .compose(request -> {
                        sent.set(request);
                        return body == null ? request.send() : request.send(body);
                    })
                    .compose(response -> reader.apply(response)
                            .map(answer -> new Answer(response.statusCode(), answer)))
                    .onComplete(result -> {
                        sent.set(null); // answered: nothing left to cancel
                        if (result.failed()) {
                            ElasticsearchSpans.failed(span, result.cause());
                            emitter.fail(result.cause());
                        } else {
                            ElasticsearchSpans.answered(span, result.result().status());
                            emitter.complete(result.result());
                        }
                    });
            emitter.onTermination(() -> {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            });
        });
    }

    /**
     * The answer's bytes in one array of their size: the chunks are kept as they come and copied once (a buffer
     * grown by doubling made several times an export page's size in garbage; {@link WholeAnswer} is the REST client's
     * twin of this).
     */
    private static Future<byte[]> wholeBody(HttpClientResponse response) {
        Promise<byte[]> body = Promise.promise();
        List<Buffer> chunks = new ArrayList<>();
        long[] length = {0};
        response.handler(chunk -> {
            length[0] += chunk.length();
            if (length[0] > LIMIT) {
                body.tryFail(new StorageUnavailable("Elasticsearch's answer is longer than " + LIMIT + " bytes", null));
                response.request().reset();
                return;
            }
            chunks.add(chunk);
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(ended -> {
            byte[] whole = new byte[(int) length[0]];
            int at = 0;
            for (Buffer chunk : chunks) {
                chunk.getBytes(whole, at);
                at += chunk.length();
            }
            body.tryComplete(whole);
        });
        return body.future();
    }

    /** What an answer starts with when every item succeeded: all a caller reads of it ({@link BulkAnswer}). */
    private static final byte[] NO_ERRORS = "{\"errors\":false".getBytes(StandardCharsets.US_ASCII);

    /**
     * The answer's body, but of a bulk whose items all succeeded only its start ({@code {"errors":false}), the rest
     * read and dropped: the items (a few hundred bytes each, a few hundred kilobytes a bulk) were gathered into a
     * growing buffer and copied, a tenth of what ingest-service allocated, only to be skipped.
     */
    private static Future<byte[]> bodyAsNeeded(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return response.body().map(Buffer::getBytes);
        }
        Promise<byte[]> body = Promise.promise();
        Buffer head = Buffer.buffer(NO_ERRORS.length);
        boolean[] clean = {false};
        response.handler(chunk -> {
            if (clean[0]) {
                return;
            }
            head.appendBuffer(chunk);
            if (head.length() >= NO_ERRORS.length
                    && Arrays.equals(head.getBytes(0, NO_ERRORS.length), NO_ERRORS)) {
                clean[0] = true;
            }
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(ended -> body.tryComplete(clean[0] ? NO_ERRORS_ANSWER : head.getBytes()));
        return body.future();
    }

    /** Enough of a clean answer for {@link BulkAnswer#read}, which stops at its first field. */
    private static final byte[] NO_ERRORS_ANSWER = "{\"errors\":false}".getBytes(StandardCharsets.US_ASCII);

    /** No connection to the host could be had: nothing was sent. */
    private static final class NotConnected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotConnected(ClusterHosts.Host host, Throwable cause) {
            super(host + ": " + cause.getMessage(), cause, false, false);
        }
    }

    private static String uri(String path, Map<String, String> parameters) {
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            uri.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return uri.toString();
    }

    /** Elasticsearch's answer: its status and body. */
    record Answer(int status, byte[] body) {
    }
}

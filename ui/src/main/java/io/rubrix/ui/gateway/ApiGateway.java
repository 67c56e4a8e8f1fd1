package io.rubrix.ui.gateway;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.rubrix.common.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Routes every {@code /api} request to the service that owns it (ServiceRoutes) with Vert.x's reverse proxy:
 * bodies stream both ways (bulk uploads in, NDJSON exports out) without being held whole, and the caller's
 * {@code Authorization} header goes through untouched, so each service checks the caller's own token. A service
 * that is down or silent answers a problem+json 503 or 504 here, never an empty 502.
 */
@ApplicationScoped
public class ApiGateway {

    /** Quarkus OIDC's session cookie (quarkus.oidc.authentication.cookie-name default). */
    static final String SESSION_COOKIE = "q_session";

    private static final java.util.Set<HttpMethod> SAFE_METHODS = java.util.Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS);

    /**
     * Right after common's checks that every request passes (OversizedBodies, Integer.MIN_VALUE + 1), before Quarkus'
     * body and security handlers.
     */
    private static final int BEFORE_SECURITY = Integer.MIN_VALUE + 2;

    private final GatewayConfig config;
    private final Replicas replicas;
    private final MergedOpenApi openApi;
    private final boolean corsEnabled;
    private final Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);

    public ApiGateway(GatewayConfig config, Replicas replicas, MergedOpenApi openApi,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled) {
        this.config = config;
        this.replicas = replicas;
        this.openApi = openApi;
        this.corsEnabled = corsEnabled;
    }

    void routeApi(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(64)
                .setKeepAlive(true));
        for (Service service : Service.values()) {
            ServiceReplicas replicasOfService = replicas.of(service);
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .originRequestProvider((request, origin) -> connect(origin, replicasOfService,
                            replicasOfService.size()))
                    .addInterceptor(new ProblemWhenUnreachable(service))
                    .addInterceptor(new LocationsOfTheGateway(replicasOfService))
                    .addInterceptor(new ProblemForBareErrors());
            proxies.put(service, proxy);
        }
        new ReplicaReadiness(vertx, config).watch(vertx, replicas.all());
        router.get("/api/docs/openapi.json").handler(context -> openApi.serve(context, client));
        if (!corsEnabled) {
            router.route().order(BEFORE_SECURITY).pathRegex("/api/.*").handler(this::forwardBearer);
        }
        router.route().pathRegex("/api/.*").handler(this::forward);
    }

    /**
     * A connection to the service's next replica in turn. A replica that refuses it is left out (until its readiness
     * answers again) and the next one is tried at once: nothing was sent yet, so any request may go elsewhere.
     */
    private Future<HttpClientRequest> connect(HttpClient client, ServiceReplicas service, int attempts) {
        URI replica = service.next();
        return client.request(new RequestOptions()
                        .setHost(replica.getHost())
                        .setPort(replica.getPort())
                        .setIdleTimeout(config.idleTimeout().toMillis()))
                .recover(refused -> {
                    if (service.size() > 1) {
                        Log.warnf("%s-service replica %s refused a connection (%s): left out", service.service(), replica,
                                refused.getMessage());
                        service.leaveOut(replica);
                    }
                    return attempts > 1 ? connect(client, service, attempts - 1) : Future.failedFuture(refused);
                });
    }

    /**
     * A request with a bearer token goes to its service before Quarkus' security handlers, which have nothing to do
     * for it (each service checks the token) and cost about as much as the proxying itself; the handlers before this
     * one still run (security headers, colon decoding, the body limit). A browser's session request, and every
     * request when CORS is on (its handler adds the headers browsers need), takes the path through them.
     */
    private void forwardBearer(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            context.next();
            return;
        }
        HttpProxy proxy = proxyFor(context);
        if (proxy != null) {
            proxy.handle(context.request());
        }
    }

    /**
     * The proxy to the service that owns a request under {@code /api}; null when the request is the gateway's own
     * (Swagger UI: passed on) or leaves {@code /api} once decoded (answered 404 here).
     */
    private HttpProxy proxyFor(RoutingContext context) {
        String path = context.request().path();
        if (ServiceRoutes.isGatewayOwn(path)) {
            context.next();
            return null;
        }
        if (ServiceRoutes.escapesApi(path)) {
            Problems.answer(context, 404, "Not Found", "No resource at this path");
            return null;
        }
        return proxies.get(ServiceRoutes.of(context.request().method(), path));
    }

    /**
     * An API client's bearer token goes through as it is. A browser with a login session gets its access token
     * relayed as {@code Authorization: Bearer} (token relay: the services check the person's own token, never a
     * gateway secret); without either, the service answers 401 itself.
     */
    private void forward(RoutingContext context) {
        // Bodies over quarkus.http.limits.max-body-size were already answered 413 (common's OversizedBodies).
        HttpServerRequest request = context.request();
        HttpProxy proxy = proxyFor(context);
        if (proxy == null) {
            return;
        }
        boolean bySession = request.getHeader(HttpHeaders.AUTHORIZATION) == null && hasSession(request);
        if (bySession && !SAFE_METHODS.contains(request.method()) && !fromThisSite(request)) {
            Problems.answer(context, 403, "Forbidden",
                    "A browser session writes only from this site's own pages (its Origin); API clients send a bearer token");
            return;
        }
        if (!bySession) {
            proxy.handle(request);
            return;
        }
        request.pause(); // the body waits while the session is checked (and its tokens refreshed if need be)
        Uni<SecurityIdentity> identity = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null) {
            proxy.handle(request);
            return;
        }
        identity.subscribe().with(person -> {
            AccessTokenCredential token = person.isAnonymous() ? null : person.getCredential(AccessTokenCredential.class);
            if (token != null) {
                request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
            }
            proxy.handle(request);
        }, failure -> {
            Log.debugf("A session could not be used for %s: %s", request.path(), failure.getMessage());
            proxy.handle(request); // the service answers 401
        });
    }

    /**
     * Whether a request that the session cookie alone authenticates comes from the web app's own pages: browsers send
     * {@code Origin} with every write, and SameSite=Lax keeps the cookie from other sites but not from other origins of
     * the same site (another port, a sibling subdomain), whose pages could otherwise cancel jobs or label in the
     * person's name.
     */
    private static boolean fromThisSite(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String host = request.getHeader(HttpHeaders.HOST);
        if (origin == null || host == null) {
            return false;
        }
        try {
            return host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static boolean hasSession(HttpServerRequest request) {
        String cookies = request.getHeader(HttpHeaders.COOKIE);
        return cookies != null && cookies.contains(SESSION_COOKIE);
    }

    /**
     * A service names a new resource by its own address ({@code Location: http://127.0.0.1:8083/api/jobs/..}, an
     * internal name in Kubernetes): clients get the path, which they resolve against the gateway they called.
     */
    private record LocationsOfTheGateway(ServiceReplicas service) implements ProxyInterceptor {

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            String location = context.response().headers().get(HttpHeaders.LOCATION);
            if (location != null) {
                URI target = URI.create(location);
                if (target.isAbsolute() && service.contains(target)) {
                    context.response().headers().set(HttpHeaders.LOCATION, target.getRawPath()
                            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
                }
            }
            return context.sendResponse();
        }
    }

    /**
     * An error the HTTP layer of a service answered before any of its code ran (a request line over its limit: 414, a
     * chunked body over the limit: 413) has no body: clients get the problem+json every other error has.
     */
    private record ProblemForBareErrors() implements ProxyInterceptor {

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            ProxyResponse response = context.response();
            int status = response.getStatusCode();
            if (status >= 400 && response.headers().get(HttpHeaders.CONTENT_TYPE) == null) {
                Problems.fill(response, status, HttpResponseStatus.valueOf(status).reasonPhrase(), switch (status) {
                    case 413 -> "The body is larger than the service takes; send fewer records per request";
                    case 414 -> "The request's address is too long; send the query in the body";
                    case 431 -> "The request's headers are too large";
                    default -> "The service refused the request with " + status;
                });
            }
            return context.sendResponse();
        }
    }

    /** Turns a service that cannot be reached into a problem+json answer naming it. */
    private record ProblemWhenUnreachable(Service service) implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            context.request().headers().remove(HttpHeaders.COOKIE); // the session stays between browser and gateway
            if (Span.current().getSpanContext().isValid()) {
                // the gateway's own client span is the service's parent (its tracer adds it as the request goes);
                // the caller's traceparent, copied with the other headers, would hide the gateway from the trace
                context.request().headers().remove(TraceParents.HEADER).remove("tracestate");
            }
            return context.sendRequest().recover(failure -> {
                boolean silent = failure instanceof java.util.concurrent.TimeoutException
                        || failure.getClass().getSimpleName().contains("Timeout");
                int status = silent ? 504 : 503;
                Log.warnf("%s-service did not answer %s %s: %s", service, context.request().getMethod(),
                        context.request().getURI(), failure.toString());
                ProxyResponse response = context.request().response().setStatusCode(status);
                Problems.fill(response, status, silent ? "Gateway Timeout" : "Service Unavailable",
                        service + "-service " + (silent ? "did not answer in time" : "is unreachable") + "; retry shortly");
                return Future.succeededFuture(response);
            });
        }
    }
}

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A reverse proxy that does nothing but stream: every request, headers and body, to one service, and its answer
 * back, on Vert.x as the gateway, with four event loops as it has on two cores. bench/GatewayBenchmark starts it
 * as the floor of any gateway on this machine: the same requests through it, in the same run (issue 31).
 *   java -cp <vertx-core and netty jars> bench/StreamingProxy.java [port] [service-port]
 */
public class StreamingProxy {

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9298;
        int service = args.length > 1 ? Integer.parseInt(args[1]) : 8082;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        vertx.createHttpServer().requestHandler(request -> {
            request.pause();
            client.request(new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(service)
                    .setURI(request.uri())).onSuccess(forward -> {
                        forward.headers().setAll(request.headers()).remove("Host");
                        forward.send(request).onSuccess(answer -> {
                            HttpServerResponse response = request.response().setStatusCode(answer.statusCode());
                            response.headers().setAll(answer.headers());
                            response.setChunked(answer.getHeader("Content-Length") == null);
                            answer.pipeTo(response);
                        }).onFailure(failure -> request.response().setStatusCode(502).end());
                    }).onFailure(failure -> request.response().setStatusCode(503).end());
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        System.out.println("streaming proxy on :" + port + " to :" + service);
    }
}

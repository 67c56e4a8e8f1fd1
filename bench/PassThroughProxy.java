import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;

/**
 * An HTTP service that does no work: each request's body is read whole, then sent as it is to Elasticsearch,
 * and the answer sent back. Built on Vert.x as the services are, four event loops as they have on two cores.
 * IngestBenchmark starts it for its way (p): the ceiling of any service in front of Elasticsearch
 * on this machine, which shares its cores with Elasticsearch.
 *   java -cp <vertx-core and netty jars> bench/PassThroughProxy.java [port] [elasticsearch-port]
 */
public class PassThroughProxy {

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9299;
        int elasticsearch = args.length > 1 ? Integer.parseInt(args[1]) : 9200;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(16));
        try {
            vertx.createHttpServer(new HttpServerOptions()).requestHandler(request -> request.body()
                    .compose(body -> client.request(request.method(), elasticsearch, "127.0.0.1", request.uri())
                            .compose(forward -> {
                                String type = request.getHeader("Content-Type");
                                if (type != null) {
                                    forward.putHeader("Content-Type", type);
                                }
                                return forward.send(body);
                            }))
                    .compose(answer -> answer.body().map(bytes -> request.response().setStatusCode(answer.statusCode())
                            .putHeader("Content-Type", "application/json").end(bytes)))
                    .onFailure(e -> request.response().setStatusCode(502).end(String.valueOf(e))))
                    .listen(port).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException cannotListen) {
            vertx.close(); // its event loops would keep the JVM alive
            throw cannotListen;
        }
        System.out.println("pass-through proxy on :" + port + " to :" + elasticsearch);
    }
}

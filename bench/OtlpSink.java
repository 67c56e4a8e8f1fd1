import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A collector that takes OTLP/HTTP exports and drops them, for bench/traces.sh: the apps' exporters then cost what
 * they cost against a collector that answers at once. Writes "exports bytes" to the given file after each export.
 *
 *   java bench/OtlpSink.java PORT COUNTS_FILE
 */
public class OtlpSink {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path counts = Path.of(args[1]);
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.readAllBytes().length);
                exports.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                Files.writeString(counts, exports.get() + " " + bytes.get() + "\n");
            } finally {
                exchange.close();
            }
        });
        server.start();
    }
}

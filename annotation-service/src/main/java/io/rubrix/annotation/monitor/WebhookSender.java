package io.rubrix.annotation.monitor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * POSTs an alert to a webhook, signed as ADR 0014 says: header {@code X-Rubrix-Signature: t=<unix seconds>,v1=<hex>}
 * where {@code <hex>} is HMAC-SHA256 with the monitor's secret over {@code <t>.<body>} (the timestamp lets the
 * receiver refuse replays); {@code X-Rubrix-Event-Id} is the alert's event id, the same on every attempt. Redirects
 * are not followed.
 */
@ApplicationScoped
public class WebhookSender {

    /** The status the receiver answered, or the reason no answer came. */
    public record Outcome(Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final MonitorConfig config;

    public WebhookSender(MonitorConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Uni<Outcome> post(String url, String secret, String eventId, String body) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "rubrix-annotation-service")
                .header("X-Rubrix-Event-Id", eventId)
                .header("X-Rubrix-Signature", "t=" + timestamp + ",v1=" + signature(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null
                        : "the receiver answered " + response.statusCode()))
                .onFailure().recoverWithItem(e -> new Outcome(null, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>} with {@code secret}. */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}

package io.rubrix.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The running stack as its users reach it: the gateway at :6900, and the local Keycloak realm for tokens. */
final class Stack {

    static final String GATEWAY = System.getProperty("rubrix.e2e.gateway", "http://localhost:6900");
    static final String REALM = System.getProperty("rubrix.e2e.keycloak", "http://127.0.0.1:8180/realms/rubrix");
    /** The gateway's management interface (health, metrics): never through :6900, only on loopback. */
    static final String GATEWAY_MANAGEMENT = System.getProperty("rubrix.e2e.gateway-management", "http://127.0.0.1:9900");
    static final ObjectMapper JSON = new ObjectMapper();
    /** The stack's Kafka, as producers in production reach it (PLAINTEXT on loopback here). */
    static final String KAFKA = System.getProperty("rubrix.e2e.kafka", "127.0.0.1:9092");

    private Stack() {
    }

    /** An access token of a realm user (infra/keycloak/README.md), as the rubrix Python client would hold one. */
    static String token(String username, String password) {
        return tokenFrom(REALM, form("grant_type", "password", "client_id", "rubrix-client", "username", username,
                "password", password));
    }

    /** A service account's token (client credentials), as a model in production would hold one. */
    static String serviceAccountToken(String client, String secret) {
        return tokenFrom(REALM, form("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    /** A valid token of Keycloak's master realm: well signed, but not issued by our realm. */
    static String masterRealmToken() {
        return tokenFrom(REALM.replaceAll("/realms/.*$", "/realms/master"),
                form("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
    }

    private static String tokenFrom(String realm, HttpRequest.BodyPublisher form) {
        HttpResponse<String> answer = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no token from " + realm + ": " + answer.body());
        }
        return read(answer.body()).path("access_token").asText();
    }

    /** A browser: keeps cookies in {@code cookies}, follows redirects. */
    static HttpClient browser(LoopbackCookies cookies) {
        return HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> get(HttpClient client, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(client, request.build());
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.BodyPublisher form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    /** A producer of string keys and values to the stack's Kafka, every write acknowledged by all replicas. */
    static java.util.Properties kafkaProducerConfig() {
        java.util.Properties config = new java.util.Properties();
        config.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}

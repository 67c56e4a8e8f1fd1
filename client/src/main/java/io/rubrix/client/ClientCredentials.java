package io.rubrix.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.json.RubrixJson;

/**
 * Access tokens of a service account (OAuth 2 client credentials), for pipelines and services that log without a
 * person: fetched from the identity provider's token endpoint when needed and again shortly before they expire.
 */
public final class ClientCredentials implements Supplier<String> {

    private static final Duration EARLY = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentials(String tokenEndpoint, String clientId, String clientSecret) {
        this.tokenEndpoint = URI.create(tokenEndpoint);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public synchronized String get() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(tokenEndpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = RubrixJson.newMapper().readTree(answer.body());
            if (answer.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new RubrixException(answer.statusCode(), "no token from " + tokenEndpoint + ": "
                        + body.path("error_description").asText(body.path("error").asText(answer.body())), body);
            }
            token = body.get("access_token").asText();
            renewAt = Instant.now().plusSeconds(body.path("expires_in").asLong(60)).minus(EARLY);
        } catch (IOException e) {
            throw new RubrixException("no token from " + tokenEndpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RubrixException("interrupted", e);
        }
    }
}

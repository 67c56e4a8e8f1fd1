package io.rubrix.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.security.Workspaces;

/** HTTP calls to a Rubrix server: bearer token, workspace, JSON bodies, retries of transient failures. */
final class Transport {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final Supplier<String> apiKey;
    private final String workspace;
    private final RetryPolicy retries;
    private final ObjectMapper json;

    Transport(URI base, Supplier<String> apiKey, String workspace, RetryPolicy retries, ObjectMapper json) {
        this.base = base;
        this.apiKey = apiKey;
        this.workspace = workspace;
        this.retries = retries;
        this.json = json;
    }

    Transport withRetries(RetryPolicy policy) {
        return new Transport(base, apiKey, workspace, policy, json);
    }

    Transport inWorkspace(String name) {
        return new Transport(base, apiKey, name, retries, json);
    }

    /** A JSON call; the answer's body parsed, or null when it has none. */
    JsonNode call(String method, String path, Object body) {
        HttpResponse<String> answer = exchange(method, path, body, "application/json", HttpResponse.BodyHandlers.ofString());
        String text = answer.body();
        if (answer.statusCode() >= 400) {
            throw refused(answer.statusCode(), method, path, text);
        }
        return text == null || text.isBlank() ? null : parse(text);
    }

    /** A call whose answer is newline-delimited JSON: its lines, read lazily as the server streams them. */
    Stream<String> lines(String method, String path, Object body) {
        HttpResponse<Stream<String>> answer = exchange(method, path, body, "application/x-ndjson",
                HttpResponse.BodyHandlers.ofLines());
        if (answer.statusCode() >= 400) {
            String text;
            try (Stream<String> lines = answer.body()) {
                text = lines.collect(Collectors.joining("\n"));
            }
            throw refused(answer.statusCode(), method, path, text);
        }
        return answer.body().filter(line -> !line.isBlank());
    }

    ObjectMapper json() {
        return json;
    }

    private <T> HttpResponse<T> exchange(String method, String path, Object body, String accept,
            HttpResponse.BodyHandler<T> handler) {
        HttpRequest request = request(method, path, body, accept);
        Duration wait = retries.firstWait();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retries.attempts();
            try {
                HttpResponse<T> answer = http.send(request, handler);
                if (last || !RetryPolicy.isTransient(answer.statusCode())) {
                    return answer;
                }
                wait = retryAfter(answer).orElse(wait);
                discard(answer);
            } catch (IOException e) {
                if (last || !RetryPolicy.isTransient(e)) {
                    throw new RubrixException(method + " " + base.resolve(path) + " failed: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RubrixException("interrupted", e);
            }
            sleep(wait);
            wait = wait.multipliedBy(2);
        }
    }

    private HttpRequest request(String method, String path, Object body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Accept", accept);
        String token = apiKey.get();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (workspace != null) {
            request.header(Workspaces.HEADER, workspace);
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
    }

    private RubrixException refused(int status, String method, String path, String text) {
        JsonNode problem = null;
        String detail = text;
        try {
            problem = json.readTree(text);
            detail = problem.path("detail").asText(problem.path("title").asText(text));
        } catch (IOException | RuntimeException e) {
            // not JSON: the text is the detail
        }
        return new RubrixException(status, method + " " + path + " answered " + status + ": " + detail, problem);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new RubrixException("the server answered something that is not JSON: " + text, e);
        }
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> answer) {
        return answer.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Math.min(60, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private static void discard(HttpResponse<?> answer) {
        if (answer.body() instanceof Stream<?> stream) {
            stream.close();
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RubrixException("interrupted", e);
        }
    }
}

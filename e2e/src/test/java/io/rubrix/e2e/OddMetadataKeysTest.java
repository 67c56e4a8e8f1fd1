package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A metadata key that no Elasticsearch aggregation name may hold ({@code >}, {@code [}, {@code ]}) is accepted at
 * ingest, and its dataset stays searchable, faceted and filterable by it (issue 26, item 2: such a key used to make
 * every search of its dataset a 400 "Invalid aggregation name").
 */
class OddMetadataKeysTest {

    private static final String DATASET = "e2e-odd-keys-" + Long.toString(System.currentTimeMillis(), 36);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aDatasetWithOddMetadataKeysIsSearchedFacetedAndFilteredByThem() {
        String ana = Stack.token("ana", "ana-password");
        HttpResponse<String> logged = post("/api/datasets/" + DATASET + "/TextClassification:bulk?refresh=true",
                "{\"records\":[{\"id\":\"r1\",\"inputs\":{\"text\":\"one\"},\"metadata\":{\"a>b\":\"x\",\"a[0]\":\"y\","
                        + "\"star*\":\"z\",\"plain\":\"p\"}},{\"id\":\"r2\",\"inputs\":{\"text\":\"two\"},"
                        + "\"metadata\":{\"a>b\":\"w\",\"plain\":\"q\"}}]}", ana);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(200);
        assertThat(Stack.read(logged.body()).path("processed").asInt()).isEqualTo(2);

        HttpResponse<String> all = post("/api/datasets/" + DATASET + "/TextClassification:search", "{}", ana);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        JsonNode metadata = Stack.read(all.body()).path("aggregations").path("metadata");
        assertThat(metadata.path("a>b").path("x").asLong()).isEqualTo(1);
        assertThat(metadata.path("a>b").path("w").asLong()).isEqualTo(1);
        assertThat(metadata.path("a[0]").path("y").asLong()).isEqualTo(1);
        assertThat(metadata.path("star*").path("z").asLong()).isEqualTo(1);
        assertThat(metadata.path("plain").path("p").asLong()).isEqualTo(1);

        HttpResponse<String> filtered = post("/api/datasets/" + DATASET + "/TextClassification:search",
                "{\"query\":{\"metadata\":{\"a>b\":[\"w\"]}}}", ana);
        assertThat(filtered.statusCode()).as(filtered.body()).isEqualTo(200);
        JsonNode answer = Stack.read(filtered.body());
        assertThat(answer.path("total").asLong()).isEqualTo(1);
        assertThat(answer.path("records").path(0).path("id").asText()).isEqualTo("r2");

        HttpResponse<String> sorted = post("/api/datasets/" + DATASET + "/TextClassification:search",
                "{\"sort\":[{\"field\":\"metadata.a>b\",\"order\":\"asc\"}]}", ana);
        assertThat(sorted.statusCode()).as(sorted.body()).isEqualTo(200);
        assertThat(Stack.read(sorted.body()).path("records").path(0).path("id").asText()).isEqualTo("r2");
    }

    private static HttpResponse<String> post(String path, String body, String token) {
        return Stack.send(HTTP, HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path + (path.contains("?") ? "&" : "?")
                        + "workspace=team-a"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}

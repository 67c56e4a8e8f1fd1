package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import static io.rubrix.ingest.bulk.BulkRequests.PREFIX;
import static io.rubrix.ingest.bulk.BulkRequests.as;
import static io.rubrix.ingest.bulk.BulkRequests.textRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.security.Roles;

/**
 * The bytes of bulks in work are bounded (rubrix.limits.bulk-bytes-in-work, 1 MB in tests): while a bulk of 900 kB is
 * being sent, another that would pass the bound is answered 503 with Retry-After before its body is read; a caller
 * without a valid token is answered 401 as ever; the share of a bulk whose connection drops is given back.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class BulkAdmissionTest {

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();

    @Inject
    BulkAdmission admission;

    @BeforeEach
    void emptyIndices() {
        es.deleteIndices(PREFIX + ".*");
    }

    @Test
    void aBulkThatWouldPassTheBoundWhileAnotherIsInWorkWaitsItsTurn() throws IOException {
        Map<String, Object> small = Map.of("records", List.of(textRecord("a", "one", "X", 0.9, "Y", 0.1)));
        String token = TestTokens.withRole("model-bot", Roles.INGEST, "team-a");
        try (Socket slow = started("slow", token, 900_000)) {
            await("the slow bulk in work").atMost(Duration.ofSeconds(10)).until(() -> admission.inWork() == 900_000);

            try (Socket second = started("other", token, 200_000)) {
                String answer = answer(second);
                assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1")
                        .contains("Content-Type: application/problem+json")
                        .contains("\"detail\":\"The service is writing other large bulks (0 MB); send this one again "
                                + "in a moment, or in smaller chunks\"");
            }
            try (Socket anonymous = started("other", null, 200_000)) {
                assertThat(answer(anonymous)).as("authentication comes first").startsWith("HTTP/1.1 401");
            }
            assertThat(admission.inWork()).isEqualTo(900_000);
            as(Roles.INGEST).body(small).post("/api/datasets/other/TextClassification:bulk")
                    .then().statusCode(200).body("processed", equalTo(1)); // a small one fits beside
        }
        await("the dropped bulk's share given back").atMost(Duration.ofSeconds(10))
                .until(() -> admission.inWork() == 0);
        try (Socket after = started("other", token, 200_000)) {
            after.getOutputStream().write(" ".repeat(200_000 - "{\"records\":[".length() - 2)
                    .concat("]}").getBytes(StandardCharsets.US_ASCII));
            assertThat(answer(after)).startsWith("HTTP/1.1 200").contains("\"processed\":0");
        }
        assertThat(es.count(PREFIX + ".records.team-a.slow")).as("nothing of the dropped bulk").isZero();
    }

    /** A bulk whose headers declare {@code length} bytes, of which only the start of the body is sent. */
    private static Socket started(String dataset, String token, int length) throws IOException {
        URI base = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/datasets/" + dataset + "/TextClassification:bulk HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{\"records\":[")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The answer's head and body, read until its declared length is in. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (true) {
            int end = read.indexOf("\r\n\r\n");
            if (end >= 0) {
                var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(read);
                if (length.find() && read.length() - end - 4 >= Integer.parseInt(length.group(1))) {
                    return read.toString();
                }
            }
            int n = in.read(buffer);
            if (n < 0) {
                return read.toString();
            }
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }
}

package io.rubrix.ui.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.test.common.http.TestHTTPResource;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(FakeServices.class)
class ApiGatewayTest {

    @TestHTTPResource("/")
    java.net.URL root;


    @Test
    void requestsReachTheOwningServiceWithTheCallersTokenUntouched() {
        given().header("Authorization", "Bearer abc.def.ghi").contentType("application/json").body("{\"records\":[]}")
                .post("/api/datasets/news/TextClassification:bulk?refresh=false")
                .then().statusCode(200)
                .body("service", equalTo("ingest"))
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/datasets/news/TextClassification:bulk?refresh=false"))
                .body("authorization", equalTo("Bearer abc.def.ghi"))
                .body("bytes", equalTo(14));
        given().header("Authorization", "Bearer t").get("/api/jobs/42").then().statusCode(200)
                .body("service", equalTo("annotation"));
        given().post("/api/datasets/news/TextClassification:search").then().statusCode(200)
                .body("service", equalTo("query"));
    }

    /**
     * A bearer-token request takes the short path (before Quarkus' security handlers, issue 31): the edge's other
     * rules hold on it as on the session path.
     */
    @Test
    void withABearerTokenEveryRuleOfTheEdgeStillHolds() {
        given().urlEncodingEnabled(false).header("Authorization", "Bearer t").cookie(ApiGateway.SESSION_COOKIE, "s")
                .contentType("application/json")
                .body("{}").post("/api/datasets/news/TextClassification%3Asearch").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body("service", equalTo("query")).body("uri", equalTo("/api/datasets/news/TextClassification:search"))
                .body("cookie", org.hamcrest.Matchers.nullValue());
        given().urlEncodingEnabled(false).header("Authorization", "Bearer t").get("/api/datasets/x/..%2f..%2fq%2fmetrics")
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer t").contentType("application/x-ndjson").body(new byte[26 << 20])
                .post("/api/datasets/news/TextClassification:bulk").then().statusCode(413)
                .body("detail", containsString("Send fewer records per request"));
        given().header("Authorization", "Bearer t").get("/api/docs/openapi.json").then().statusCode(200)
                .body("info.title", equalTo("Rubrix API"));
        given().header("Authorization", "Bearer t").get("/api/jobs/bare?status=414").then().statusCode(414)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer t").contentType("application/json").body("{}")
                .post("/api/datasets/news/TextClassification/bulk-annotations?status=202&location=self")
                .then().statusCode(202).header("Location", equalTo("/api/jobs/j1?x=1"));
    }

    @Test
    void aServicesOwnAddressInLocationBecomesAPathOnTheGateway() {
        given().contentType("application/json").body("{}")
                .post("/api/datasets/news/TextClassification/bulk-annotations?status=202&location=self")
                .then().statusCode(202)
                .header("Location", equalTo("/api/jobs/j1?x=1"));
        given().get("/api/jobs/7?location=https://docs.example/elsewhere")
                .then().header("Location", equalTo("https://docs.example/elsewhere"));
    }

    /** Found by an attacker's walk: another origin of the same site could cancel a job with the session cookie alone. */
    @Test
    void aWriteBySessionCookieAloneMustComeFromThisSitesOwnPages() {
        for (String origin : new String[] {null, "http://localhost:5173", "http://evil.example", "not a uri"}) {
            var request = given().cookie(ApiGateway.SESSION_COOKIE, "x").contentType("application/json").body("{}");
            if (origin != null) {
                request = request.header("Origin", origin);
            }
            request.post("/api/jobs/42/cancel").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("Origin"));
        }
        // past the Origin rule, a made-up session is the session check's to refuse (401), not this rule's (403)
        given().cookie(ApiGateway.SESSION_COOKIE, "x").get("/api/jobs/42").then().statusCode(401);
        given().cookie(ApiGateway.SESSION_COOKIE, "x").header("Origin", root.getProtocol() + "://" + root.getAuthority())
                .contentType("application/json").body("{}")
                .post("/api/jobs/42/cancel").then().statusCode(401);
        given().cookie(ApiGateway.SESSION_COOKIE, "x").header("Authorization", "Bearer a.b.c")
                .contentType("application/json").body("{}")
                .post("/api/jobs/42/cancel").then().statusCode(200).body("authorization", equalTo("Bearer a.b.c"));
    }

    @Test
    void bodiesStreamBothWays() throws Exception {
        byte[] upload = new byte[20 << 20];
        given().contentType("application/x-ndjson").body(upload)
                .post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(200).body("bytes", equalTo(upload.length));

        InputStream download = given().post("/api/datasets/news/TextClassification/data/download/40")
                .then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .extract().asInputStream();
        long received = 0;
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = download.read(buffer)) > 0) {
            received += read;
        }
        assertThat(received).isEqualTo(40L << 20);
    }

    @Test
    void aBodyOverTheLimitIs413WithoutReachingTheService() {
        given().contentType("application/x-ndjson").body(new byte[26 << 20])
                .post("/api/datasets/news/TextClassification:bulk")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("Send fewer records per request"));
    }

    /** A service's HTTP layer answers a too-long request line (414) or a chunked body over its limit (413) bare. */
    @Test
    void anErrorAnswerWithoutABodyReachesTheClientAsAProblem() {
        for (int status : new int[] {413, 414, 405}) {
            given().get("/api/jobs/bare?status=" + status).then().statusCode(status)
                    .contentType("application/problem+json")
                    .body("status", equalTo(status))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
        given().get("/api/jobs/bare?status=414").then().body("detail", containsString("send the query in the body"));
        given().get("/api/jobs/bare?status=204").then().statusCode(204);
    }

    @Test
    void aServiceThatIsDownIs503AndASilentOneIs504AsProblemJson() throws Exception {
        FakeServices.stop(Service.annotation);
        try {
            given().get("/api/jobs/42")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", containsString("annotation-service is unreachable"));
            given().get("/api/_info").then().statusCode(200).body("service", equalTo("query"));
        } finally {
            FakeServices.restart(Service.annotation);
        }
        given().get("/api/jobs/42").then().statusCode(200);

        given().get("/api/datasets/news/silent")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("detail", containsString("query-service did not answer in time"));
    }

    @Test
    void theDocsMergeTheThreeServicesOpenApiDocumentsAndTheRubrixSpecStaysQueryServices() {
        given().get("/api/docs/openapi.json").then().statusCode(200)
                .body("info.title", equalTo("Rubrix API"))
                .body("paths.'/api/ingest-only'.get.tags[0]", equalTo("ingest-service"))
                .body("paths.'/api/query-only'.get.summary", equalTo("query operation"))
                .body("paths.'/api/annotation-only'.get.tags[0]", equalTo("annotation-service"))
                .body("components.schemas.keySet()", org.hamcrest.Matchers.hasItems("ingestSchema", "querySchema",
                        "annotationSchema"));
        given().get("/api/docs/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/api/docs/spec.json").then().statusCode(200).body("service", equalTo("query"));
    }

    @Test
    void answersCarryTheSecurityHeaders() {
        for (String path : java.util.List.of("/", "/api/_info")) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }
}

package io.rubrix.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class GatewayBootTest {

    @Test
    void servesTheWebAppBuiltByViteAndItsScript() {
        String page = given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>Rubrix</title>"), containsString("<div id=\"root\"></div>"))
                .extract().asString();
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(script.find(), "the page loads the app's script: " + page);
        given().when().get(script.group(1)).then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("/api/datasets/"));
    }

    /** The management interface's root, {@code http://127.0.0.1:<port>/q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthAndMetricsAreServedOnTheManagementInterfaceAndOpenApiOnThePublicPort() {
        given().when().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(management + "metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Rubrix gateway"));
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}

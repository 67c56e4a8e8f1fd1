package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** A person logs in through Keycloak's login page, uses the API with the session alone, and logs out. */
class BrowserLoginTest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    @Test
    void theCodeFlowGivesASessionThatCallsTheApiAsThePersonUntilLogout() {
        LoopbackCookies cookies = new LoopbackCookies();
        HttpClient browser = Stack.browser(cookies);
        assertThat(Stack.get(browser, "/api/me", null).statusCode()).as("no session yet").isEqualTo(401);

        HttpResponse<String> loginPage = Stack.get(browser, "/login", null);
        assertThat(loginPage.uri().toString()).as("sent to Keycloak").startsWith(Stack.REALM)
                .contains("code_challenge=").contains("code_challenge_method=S256");
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();

        HttpResponse<String> landed = Stack.send(browser, HttpRequest.newBuilder(
                URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Stack.form("username", "ana", "password", "ana-password")).build());
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().toString()).isEqualTo(Stack.GATEWAY + "/");
        assertThat(landed.body()).contains("<title>Rubrix</title>");
        assertThat(cookies.has(URI.create(Stack.GATEWAY).getHost(), "q_session")).as("the session cookie").isTrue();

        HttpResponse<String> me = Stack.get(browser, "/api/me", null);
        assertThat(me.statusCode()).as("the session's token is relayed to query-service").isEqualTo(200);
        assertThat(Stack.read(me.body()).path("username").asText()).isEqualTo("ana");
        assertThat(Stack.read(me.body()).path("user_groups").toString()).isEqualTo("[\"team-a\"]");

        HttpResponse<String> loggedOut = Stack.get(browser, "/logout", null);
        assertThat(loggedOut.uri().toString()).as("back from Keycloak's logout").startsWith(Stack.GATEWAY + "/?state=");
        assertThat(cookies.has(URI.create(Stack.GATEWAY).getHost(), "q_session")).isFalse();
        assertThat(Stack.get(browser, "/api/me", null).statusCode()).as("the session is gone").isEqualTo(401);
    }
}

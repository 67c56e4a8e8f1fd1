package io.rubrix.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.rubrix.common.testing.SettableClock;
import io.vertx.ext.web.RoutingContext;

/** What is kept of a verified token, and for how long. */
class VerifiedTokensTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(clock);

    @Test
    void aTokenIsKnownUntilItExpires() {
        tokens.remember(identity("t1", clock.instant().plusSeconds(30)));

        assertThat(tokens.identity("t1")).hasValueSatisfying(known -> assertThat(known.getPrincipal().getName())
                .isEqualTo("ana"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(tokens.identity("t1")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.identity("t1")).isEmpty();
        assertThat(tokens.size()).isZero();
        assertThat(tokens.reused()).isEqualTo(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterAMinute() {
        tokens.remember(identity("notebook-key", clock.instant().plus(Duration.ofDays(30))));

        clock.advance(VerifiedTokens.LONGEST.minusSeconds(1));
        assertThat(tokens.identity("notebook-key")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.identity("notebook-key")).isEmpty();
    }

    @Test
    void onlyTheExactTextIsKnown() {
        tokens.remember(identity("header.claims.signature", clock.instant().plusSeconds(30)));

        assertThat(tokens.identity("header.claims.signaturE")).isEmpty();
        assertThat(tokens.identity("header.claims.signature ")).isEmpty();
        assertThat(tokens.identity("header.claims.signature")).isPresent();
    }

    @Test
    void nothingOfTheRequestThatVerifiedItIsKept() throws InterruptedException {
        Object request = new Object();
        WeakReference<Object> firstRequest = new WeakReference<>(request);
        tokens.remember(QuarkusSecurityIdentity.builder(identity("t1", clock.instant().plusSeconds(30)))
                .addAttribute(RoutingContext.class.getName(), request).build());
        request = null;

        for (int i = 0; i < 10 && firstRequest.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(firstRequest.get()).as("the first request, once nothing else holds it").isNull();
        assertThat(tokens.identity("t1")).hasValueSatisfying(known -> {
            assertThat((Object) known.getAttribute(RoutingContext.class.getName())).isNull();
            assertThat(known.getRoles()).containsExactly("annotator");
            assertThat(known.getCredential(AccessTokenCredential.class).getToken()).isEqualTo("t1");
            assertThat((Object) known.getAttribute("tenant-id")).isEqualTo("Default");
            assertThat(known.checkPermission(new StringPermission("email")).await().indefinitely())
                    .as("the token's scopes, as OIDC gives them").isTrue();
            assertThat(known.checkPermission(new StringPermission("admin")).await().indefinitely()).isFalse();
        });
    }

    @Test
    void aTokenLongerThanKeycloakMakesIsVerifiedEachTime() {
        String padded = "h.p.s" + "=".repeat(VerifiedTokens.LONGEST_TOKEN);

        tokens.remember(identity(padded, clock.instant().plusSeconds(30)));

        assertThat(tokens.size()).isZero();
    }

    @Test
    void expiredTokensAreSweptAtLeastOnceAMinute() {
        for (int i = 0; i < 100; i++) {
            tokens.remember(identity("short-" + i, clock.instant().plusSeconds(5)));
        }
        clock.advance(VerifiedTokens.LONGEST);

        tokens.remember(identity("fresh", clock.instant().plusSeconds(30)));

        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenlessOrSessionIdentityIsNotKept() {
        tokens.remember(identity("old", clock.instant()));
        tokens.remember(QuarkusSecurityIdentity.builder().setPrincipal(() -> "basic-user").build());
        tokens.remember(QuarkusSecurityIdentity.builder(identity("session-access-token", clock.instant().plusSeconds(30)))
                .addCredential(new IdTokenCredential("id-token")).build());

        assertThat(tokens.size()).isZero();
    }

    @Test
    void theNumberKeptIsBounded() {
        for (int i = 0; i < VerifiedTokens.MOST + 5; i++) {
            tokens.remember(identity("token-" + i, clock.instant().plusSeconds(30)));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MOST);
        assertThat(tokens.identity("token-" + (VerifiedTokens.MOST + 4))).isPresent();
    }

    private static SecurityIdentity identity(String token, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "ana");
        claims.setClaim("scope", "openid email profile");
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        AccessTokenCredential credential = new AccessTokenCredential(token);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new OidcJwtCallerPrincipal(claims, credential, "preferred_username"))
                .addCredential(credential).addRole("annotator").addAttribute("tenant-id", "Default").build();
    }
}

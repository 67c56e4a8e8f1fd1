package io.rubrix.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens this service verified lately, by their exact text, with the identity verifying them made (ADR 0009,
 * "Verified tokens"). Checking a token's signature and claims again gives the same answer for the same bytes until
 * it expires; it was an eighth of query-service's CPU per search and a tenth of annotation-service's per label. An
 * entry lasts until the token expires and at most {@link #LONGEST}, so a key the provider withdraws stops being
 * trusted within that time (Quarkus itself keeps the provider's keys for longer). What belongs to one request (its
 * routing context) is never kept: each request gets its own copy of the identity ({@link VerifiedTokenProvider}).
 */
@ApplicationScoped
public class VerifiedTokens {

    static final Duration LONGEST = Duration.ofSeconds(60);
    static final int MOST = 10_000;

    private record Verified(SecurityIdentity identity, Instant until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong reused = new AtomicLong();
    private final Clock clock;

    @Inject
    public VerifiedTokens() {
        this(Clock.systemUTC());
    }

    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The identity {@code token} was verified as, while that still holds. */
    public Optional<SecurityIdentity> identity(String token) {
        Verified known = verified.get(token);
        if (known == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(known.until())) {
            verified.remove(token, known);
            return Optional.empty();
        }
        reused.incrementAndGet();
        return Optional.of(known.identity());
    }

    /**
     * Keeps {@code identity}, made by verifying its bearer token, for the next requests with the same token; an
     * identity without an access token or an expiry is not kept, nor one of a browser's session (the gateway's
     * code flow: it has an ID token), which is not what a bearer request with that access token is verified as.
     */
    public void remember(SecurityIdentity identity) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || identity.getCredential(IdTokenCredential.class) != null
                || !(identity.getPrincipal() instanceof JsonWebToken token)
                || token.getExpirationTime() <= 0 || verified.containsKey(credential.getToken())) {
            return;
        }
        Instant now = clock.instant();
        Instant until = Instant.ofEpochSecond(token.getExpirationTime());
        if (until.isAfter(now.plus(LONGEST))) {
            until = now.plus(LONGEST);
        }
        if (!until.isAfter(now)) {
            return;
        }
        if (verified.size() >= MOST) {
            verified.values().removeIf(known -> !now.isBefore(known.until()));
            if (verified.size() >= MOST) {
                verified.clear();
            }
        }
        verified.put(credential.getToken(), new Verified(withoutRequest(identity), until));
    }

    int size() {
        return verified.size();
    }

    /** How many requests were answered with an identity kept here (for tests). */
    public long reused() {
        return reused.get();
    }

    /** {@code identity} without what it held of the request that verified it (its routing context). */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), null)
                .addAttribute(AuthenticationRequestContext.class.getName(), null)
                .build();
    }
}

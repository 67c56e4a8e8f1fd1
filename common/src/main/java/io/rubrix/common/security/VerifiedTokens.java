package io.rubrix.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
 * trusted within that time (Quarkus itself keeps the provider's keys for longer). The memory is bounded whatever
 * callers send: at most {@link #MOST} tokens of at most {@link #LONGEST_TOKEN} characters (a longer one is verified
 * each time), expired ones swept at least once a {@link #LONGEST}, and nothing of the request that verified one is
 * kept (each request gets its own copy of the identity: {@link VerifiedTokenProvider}).
 */
@ApplicationScoped
public class VerifiedTokens {

    static final Duration LONGEST = Duration.ofSeconds(60);
    static final int MOST = 1_000;
    /** Keycloak's access tokens are 1-2 KB; padding can stretch one to the header's limit. */
    static final int LONGEST_TOKEN = 4_096;

    private record Verified(SecurityIdentity identity, Instant until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicReference<Instant> nextSweep;
    private final Clock clock;

    @Inject
    public VerifiedTokens() {
        this(Clock.systemUTC());
    }

    VerifiedTokens(Clock clock) {
        this.clock = clock;
        this.nextSweep = new AtomicReference<>(clock.instant().plus(LONGEST));
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
                || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getExpirationTime() <= 0
                || credential.getToken().length() > LONGEST_TOKEN || verified.containsKey(credential.getToken())) {
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
        sweep(now);
        verified.put(credential.getToken(), new Verified(withoutRequest(identity, token), until));
    }

    int size() {
        return verified.size();
    }

    /** How many requests were answered with an identity kept here (for tests). */
    public long reused() {
        return reused.get();
    }

    /** Expired tokens dropped once a {@link #LONGEST}, and whenever there are {@link #MOST}; all, if none had. */
    private void sweep(Instant now) {
        Instant due = nextSweep.get();
        if (verified.size() < MOST && now.isBefore(due)) {
            return;
        }
        if (nextSweep.compareAndSet(due, now.plus(LONGEST)) || verified.size() >= MOST) {
            verified.values().removeIf(known -> !now.isBefore(known.until()));
            if (verified.size() >= MOST) {
                verified.clear();
            }
        }
    }

    /**
     * {@code identity} made again from its parts, without the request that verified it: its routing context and
     * blocking context attributes, and the permission checker that a copy made by
     * {@link QuarkusSecurityIdentity#builder(SecurityIdentity)} keeps, which holds the whole first identity. Its
     * permissions are the token's scopes, as OIDC's provider gives them.
     */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity, JsonWebToken token) {
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials());
        identity.getAttributes().forEach((name, value) -> {
            if (!name.equals(RoutingContext.class.getName())
                    && !name.equals(AuthenticationRequestContext.class.getName())) {
                kept.addAttribute(name, value);
            }
        });
        if (token.getClaim("scope") instanceof String scope && !scope.isBlank()) {
            kept.addPermissionsAsString(new HashSet<>(Arrays.asList(scope.trim().split("\\s+"))));
        }
        return kept.build();
    }
}

package io.rubrix.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before Quarkus' OIDC provider (a higher priority): a bearer token verified lately ({@link VerifiedTokens}) is
 * answered with its identity, given this request's routing context as OIDC's provider gives it; any other token is
 * left to OIDC (a null identity: the next provider is asked).
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    public VerifiedTokenProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Above every provider's default (1001), OIDC's included. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential access)) {
            return Uni.createFrom().nullItem();
        }
        return tokens.identity(access.getToken())
                .map(known -> Uni.createFrom().<SecurityIdentity>item(forThisRequest(known, request)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    private static SecurityIdentity forThisRequest(SecurityIdentity known, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(known);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            OidcUtils.setRoutingContextAttribute(identity, routing);
            OidcUtils.setBlockingApiAttribute(identity, routing);
        }
        return identity.build();
    }
}

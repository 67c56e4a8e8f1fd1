package io.rubrix.common.security;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.model.security.Workspaces;

/**
 * Reads the caller's workspaces from its access token: claim {@code rubrix.security.workspaces-claim}, by default
 * {@code rubrix_workspaces}, which only the realm's group-membership mapper writes. Not {@code groups}: Keycloak's
 * {@code microprofile-jwt} scope, which any client may request, writes the caller's realm roles there. A name that
 * is also one of the caller's roles is never a workspace (docs/adr/0009-trust-boundaries.md).
 */
@ApplicationScoped
public class CallerWorkspaces {

    /**
     * The person a service account acts for (a person's notebook key: a confidential client whose hardcoded-claim
     * mapper names them), so that their labels are theirs; only a realm admin can set it. Else the username is
     * {@code preferred_username}.
     */
    public static final String PERSON_CLAIM = "rubrix_person";

    private final String claim;

    public CallerWorkspaces(@ConfigProperty(name = "rubrix.security.workspaces-claim", defaultValue = "rubrix_workspaces") String claim) {
        this.claim = claim;
    }

    public Workspaces of(SecurityIdentity identity) {
        String username = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String person = text(claim(token, PERSON_CLAIM));
            String preferred = person != null ? person : text(claim(token, "preferred_username"));
            List<String> groups = groups(claim(token, claim)).stream()
                    .filter(group -> !identity.getRoles().contains(Workspaces.normalize(group))).toList();
            return Workspaces.of(preferred != null ? preferred : username, groups);
        }
        return Workspaces.of(username, List.of());
    }

    /**
     * A claim's value as the token's claims hold it. Not {@link JsonWebToken#getClaim(String)} for OIDC's tokens: for
     * a name that is not a standard claim it makes and catches an exception each time, its stack trace filled on the
     * request's deep reactive stack: two of them per request here (ADR 0003).
     */
    private static Object claim(JsonWebToken token, String name) {
        return token instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(name) : token.getClaim(name);
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value instanceof String string ? string : null;
    }

    private static List<String> groups(Object value) {
        if (value instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        return List.of();
    }
}

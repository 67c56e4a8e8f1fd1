package io.rubrix.common.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens for service tests, signed with the key of Quarkus' in-process OIDC test server
 * ({@code OidcWiremockTestResource}): roles in {@code realm_access.roles} and workspaces in {@code rubrix_workspaces},
 * as Keycloak issues them with the project's realm.
 */
public final class TestTokens {

    /** Issuer and audience the services' {@code %test} profile expects. */
    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://server.example.com";

    private TestTokens() {
    }

    public static String token(String username, Set<String> roles, Set<String> workspaces) {
        return Jwt.preferredUserName(username)
                .subject("id-" + username)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .claim("rubrix_workspaces", List.copyOf(workspaces))
                .claim("email", username + "@example.com")
                .claim("name", Character.toUpperCase(username.charAt(0)) + username.substring(1) + " Tester")
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }

    /** A token with {@code roles} and exactly the {@code claims} given besides (no workspaces claim unless given). */
    public static String withClaims(String username, Set<String> roles, Map<String, Object> claims) {
        var builder = Jwt.preferredUserName(username)
                .subject("id-" + username)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)));
        claims.forEach(builder::claim);
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }

    /** A token with one role, working in the given workspaces. */
    public static String withRole(String username, String role, String... workspaces) {
        return token(username, Set.of(role), Set.of(workspaces));
    }

    /** A token signed by a key the server does not trust. */
    public static String forged(String username) {
        return Jwt.preferredUserName(username).issuer(ISSUER).audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", List.of("admin")))
                .jws().keyId("1").sign(generatedKey());
    }

    private static java.security.PrivateKey generatedKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.rubrix.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.rubrix.model.security.Workspaces;

/** The caller's name and workspaces as OIDC's principal holds its token's claims (strings, and arrays as JSON). */
class CallerWorkspacesTest {

    private final CallerWorkspaces workspaces = new CallerWorkspaces("rubrix_workspaces");

    @Test
    void aPersonHasTheirNameAndTheirGroupsButNotARoleNamedAsAGroup() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "ana");
        claims.setStringListClaim("rubrix_workspaces", List.of("team-a", "/team-b", "admin"));

        Workspaces caller = workspaces.of(identity(claims, "annotator", "admin"));

        assertThat(caller.username()).isEqualTo("ana");
        assertThat(caller.names()).containsExactly("team-a", "team-b");
    }

    @Test
    void aNotebookKeyActsForThePersonItNames() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "service-account-rubrix-notebook-ana");
        claims.setClaim(CallerWorkspaces.PERSON_CLAIM, "ana");
        claims.setClaim("rubrix_workspaces", "team-a");

        Workspaces caller = workspaces.of(identity(claims, "annotator"));

        assertThat(caller.username()).isEqualTo("ana");
        assertThat(caller.names()).containsExactly("team-a");
    }

    @Test
    void withoutAWorkspacesClaimTheirOwnWorkspaceIsTheirs() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "vic");

        Workspaces caller = workspaces.of(identity(claims, "viewer"));

        assertThat(caller.username()).isEqualTo("vic");
        assertThat(caller.names()).containsExactly("vic");
    }

    private static QuarkusSecurityIdentity identity(JwtClaims claims, String... roles) {
        OidcJwtCallerPrincipal principal = new OidcJwtCallerPrincipal(claims, new AccessTokenCredential("a.b.c"));
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(principal);
        for (String role : roles) {
            identity.addRole(role);
        }
        return identity.build();
    }
}

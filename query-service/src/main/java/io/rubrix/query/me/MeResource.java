package io.rubrix.query.me;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.model.security.Workspaces;

@Path("/api/me")
@Authenticated
public class MeResource {

    private final SecurityIdentity identity;
    private final CallerWorkspaces workspaces;

    public MeResource(SecurityIdentity identity, CallerWorkspaces workspaces) {
        this.identity = identity;
        this.workspaces = workspaces;
    }

    @Operation(summary = "The caller: username, roles and workspaces")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public User me() {
        Workspaces mine = workspaces.of(identity);
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        return new User(mine.username(),
                token == null ? null : token.getClaim("email"),
                token == null ? null : token.getClaim("name"),
                false, mine.names(), identity.getRoles().stream().sorted().toList());
    }
}

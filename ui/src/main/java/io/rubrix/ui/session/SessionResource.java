package io.rubrix.ui.session;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;

/**
 * Where a browser logs in: reaching it requires a session, so an anonymous visit is sent through Keycloak's
 * authorization code flow (with PKCE) and comes back with the session cookie; then it goes to the web app.
 * Logging out is {@code /logout} (quarkus.oidc.logout.path).
 */
@Path("/login")
public class SessionResource {

    @GET
    @Authenticated
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }
}

package io.rubrix.common.security;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.model.security.Workspaces;
import io.vertx.core.http.HttpServerRequest;

/**
 * The workspace a request acts in, resolved once per request for every resource: the one named by the
 * {@code workspace} query parameter or the {@value Workspaces#HEADER} header (one of the caller's own, else 404), or
 * the caller's default one. The OpenAPI document lists both on every dataset operation
 * ({@code common/.../docs/ApiDocument}).
 */
@RequestScoped
public class RequestWorkspace {

    public static final String PARAMETER = "workspace";

    private final SecurityIdentity identity;
    private final CallerWorkspaces workspaces;
    private final HttpServerRequest request;
    private Workspaces callers;
    private String resolved;

    public RequestWorkspace(SecurityIdentity identity, CallerWorkspaces workspaces, HttpServerRequest request) {
        this.identity = identity;
        this.workspaces = workspaces;
        this.request = request;
    }

    /** The workspace's name. */
    public String name() {
        if (resolved == null) {
            resolved = callers().resolve(named());
        }
        return resolved;
    }

    /** For a listing: the workspace the request names, else every workspace of the caller. */
    public List<String> namedOrEvery() {
        String named = named();
        return named == null ? callers().names() : List.of(name());
    }

    /** The caller as its work is credited: the person (also behind their notebook key), else the account. */
    public String username() {
        return callers().username();
    }

    public SecurityIdentity caller() {
        return identity;
    }

    /** The caller's workspaces, read from its token once per request. */
    private Workspaces callers() {
        if (callers == null) {
            callers = workspaces.of(identity);
        }
        return callers;
    }

    private String named() {
        String named = request.getParam(PARAMETER);
        return named != null ? named : request.getHeader(Workspaces.HEADER);
    }
}

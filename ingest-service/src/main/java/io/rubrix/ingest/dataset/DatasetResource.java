package io.rubrix.ingest.dataset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.dataset.Dataset;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.common.security.Roles;
import io.rubrix.common.security.Workspaces;
import io.smallrye.mutiny.Uni;

/** Dataset lifecycle: PATCH merges tags and metadata; DELETE, :close and :open are for admins. */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetLifecycle lifecycle;
    private final CallerWorkspaces workspaces;
    private final SecurityIdentity identity;

    public DatasetResource(DatasetLifecycle lifecycle, CallerWorkspaces workspaces, SecurityIdentity identity) {
        this.lifecycle = lifecycle;
        this.workspaces = workspaces;
        this.identity = identity;
    }

    @PATCH
    @Path("{name}")
    @RolesAllowed({Roles.INGEST, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Dataset> update(@RestPath String name, DatasetUpdate update, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return lifecycle.update(workspaces.target(identity, workspace, workspaceHeader), name, update);
    }

    /** 200 whether or not the dataset existed: clients delete before they create. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@RestPath String name, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return lifecycle.delete(workspaces.target(identity, workspace, workspaceHeader), name)
                .replaceWith(() -> Response.ok().build());
    }

    @PUT
    @Path("{nameAction: [^/]+:close}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Dataset> close(@RestPath String nameAction, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return lifecycle.setClosed(workspaces.target(identity, workspace, workspaceHeader), nameOf(nameAction), true);
    }

    @PUT
    @Path("{nameAction: [^/]+:open}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Dataset> open(@RestPath String nameAction, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return lifecycle.setClosed(workspaces.target(identity, workspace, workspaceHeader), nameOf(nameAction), false);
    }

    private static String nameOf(String nameAction) {
        return nameAction.substring(0, nameAction.indexOf(':'));
    }
}

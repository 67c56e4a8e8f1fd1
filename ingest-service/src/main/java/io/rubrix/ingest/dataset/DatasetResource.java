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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** Dataset lifecycle: PATCH merges tags and metadata; DELETE, :close and :open are for admins. */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetLifecycle lifecycle;
    private final RequestWorkspace workspace;

    public DatasetResource(DatasetLifecycle lifecycle, RequestWorkspace workspace) {
        this.lifecycle = lifecycle;
        this.workspace = workspace;
    }

    @Operation(summary = "Merges tags and metadata into the dataset's")
    @PATCH
    @Path("{name}")
    @RolesAllowed({Roles.INGEST, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Dataset> update(@RestPath String name, DatasetUpdate update) {
        return lifecycle.update(workspace.name(), name, update);
    }

    /** 200 whether or not the dataset existed: clients delete before they create. */
    @Operation(summary = "Deletes the dataset, its records and snapshots (200 also when it did not exist)")
    @APIResponse(responseCode = "200", description = "Deleted; no body")
    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@RestPath String name) {
        return lifecycle.delete(workspace.name(), name)
                .replaceWith(() -> Response.ok().build());
    }

    @Operation(summary = "Closes the dataset: its records stay, reads and writes are refused until it is opened")
    @PUT
    @Path("{name: [^/]+}:close")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Dataset> close(@RestPath String name) {
        return lifecycle.setClosed(workspace.name(), name, true);
    }

    @Operation(summary = "Opens a closed dataset")
    @PUT
    @Path("{name: [^/]+}:open")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Dataset> open(@RestPath String name) {
        return lifecycle.setClosed(workspace.name(), name, false);
    }

}

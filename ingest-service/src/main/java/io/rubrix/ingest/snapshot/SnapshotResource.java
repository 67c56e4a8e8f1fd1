package io.rubrix.ingest.snapshot;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.security.Roles;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.smallrye.mutiny.Uni;

/** Creating and deleting snapshots; query-service lists them and streams their rows. */
@Path("/api/datasets/{name}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    private final SnapshotService snapshots;
    private final RequestWorkspace workspace;

    public SnapshotResource(SnapshotService snapshots, RequestWorkspace workspace) {
        this.snapshots = snapshots;
        this.workspace = workspace;
    }

    @Operation(summary = "Takes a snapshot of the dataset's annotated records (training data)")
    @POST
    @RolesAllowed({Roles.INGEST, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DatasetSnapshot> create(@RestPath String name, SnapshotRequest request) {
        return snapshots.create(workspace.name(), name, request);
    }

    @Operation(summary = "Deletes a snapshot")
    @APIResponse(responseCode = "200", description = "Deleted; no body")
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@RestPath String name, @RestPath String id) {
        return snapshots.delete(workspace.name(), name, id)
                .replaceWith(() -> Response.ok().build());
    }
}

package io.rubrix.annotation.team;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** An annotator's queue: the next record for them, held for them for a while (ADR 0012). */
@Path("/api/datasets/{name}/{task: [A-Za-z0-9]+}/queue:next")
public class QueueResource {

    private final QueueService queue;
    private final RequestWorkspace workspace;

    public QueueResource(QueueService queue, RequestWorkspace workspace) {
        this.queue = queue;
        this.workspace = workspace;
    }

    @Operation(summary = "The caller's next record to answer, claimed for them; 204 when none is left for them")
    @APIResponse(responseCode = "200", description = "The record, held for the caller until claimed_until",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "204", description = "No record is left for the caller")
    @POST
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TeamView>> next(@RestPath String name, @RestPath String task) {
        return queue.next(workspace.name(), name, Task.fromPath(task), workspace.username())
                .map(found -> found.map(RestResponse::ok).orElseGet(RestResponse::noContent));
    }
}

package io.rubrix.annotation.monitor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
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
import io.rubrix.model.error.ApiException;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.MonitorRequest;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A dataset's drift monitors (ADR 0014), written by admins; their evaluations and alerts are reads (query-service).
 */
@Path("/api/datasets/{name}/{task}/monitors/{monitor}")
public class MonitorsResource {

    private final MonitorsService monitors;
    private final RequestWorkspace workspace;

    public MonitorsResource(MonitorsService monitors, RequestWorkspace workspace) {
        this.monitors = monitors;
        this.workspace = workspace;
    }

    /**
     * Creates the monitor {@code monitor} (201) or replaces it (200; its author and creation time stay, and its
     * webhook secret when the replacement leaves it out).
     */
    @Operation(summary = "Creates or replaces a drift monitor: a reference, a live window, measures and thresholds")
    @APIResponse(responseCode = "200", description = "The monitor, replaced (the webhook secret left out)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Monitor.class)))
    @APIResponse(responseCode = "201", description = "The monitor, created (the webhook secret left out)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Monitor.class)))
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Monitor>> put(@RestPath String name, @RestPath String task, @RestPath String monitor,
            MonitorRequest body) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"reference\": {\"kind\": \"preceding\"}, \"window\": \"1h\", "
                    + "\"every\": \"5m\", \"measures\": [{\"kind\": \"predicted_labels\"}]}");
        }
        return monitors.put(workspace.name(), name, Task.fromPath(task), monitor, body, workspace.username())
                .map(written -> written.created()
                        ? RestResponse.status(RestResponse.Status.CREATED, written.monitor())
                        : RestResponse.ok(written.monitor()));
    }

    @Operation(summary = "Deletes a drift monitor (its evaluations and alerts stay, as history)")
    @APIResponse(responseCode = "204", description = "Deleted; no body")
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    public Uni<Void> delete(@RestPath String name, @RestPath String task, @RestPath String monitor) {
        return monitors.delete(workspace.name(), name, Task.fromPath(task), monitor);
    }
}

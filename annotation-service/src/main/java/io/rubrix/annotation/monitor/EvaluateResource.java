package io.rubrix.annotation.monitor;

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

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** Evaluates a monitor now, between its scheduled evaluations ({@code POST .../monitors/{monitor}:evaluate}). */
@Path("/api/datasets/{name}/{task}/monitors/{monitor}:evaluate")
public class EvaluateResource {

    private final MonitorsService monitors;
    private final RequestWorkspace workspace;

    public EvaluateResource(MonitorsService monitors, RequestWorkspace workspace) {
        this.monitors = monitors;
        this.workspace = workspace;
    }

    @Operation(summary = "Evaluates a drift monitor now: the evaluation is kept and alerts raised or cleared")
    @APIResponse(responseCode = "200", description = "The evaluation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Evaluation.class)))
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Evaluation> evaluate(@RestPath String name, @RestPath String task, @RestPath String monitor) {
        return monitors.evaluate(workspace.name(), name, Task.fromPath(task), monitor);
    }
}

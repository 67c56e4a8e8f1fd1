package io.rubrix.annotation.rules;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import io.rubrix.annotation.job.Job;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** Applies the dataset's rules through a label model, as predictions of agent {@code rules:<model>} (ADR 0013). */
@Path("/api/datasets/{name}/{task: [A-Za-z0-9]+}/labeling/rules:apply")
public class ApplyResource {

    private final WeakLabelJobs weakLabels;
    private final RequestWorkspace workspace;

    public ApplyResource(WeakLabelJobs weakLabels, RequestWorkspace workspace) {
        this.weakLabels = weakLabels;
        this.workspace = workspace;
    }

    /**
     * Starts the job: {@code {"model": "generative" | "majority", "replace_predictions": false}}; 202 with the job
     * ({@code GET /api/jobs/{id}} follows it; its {@code outcome} holds the rules' learnt accuracies and the weak
     * labels' accuracy and macro F1 against the human labels).
     */
    @Operation(summary = "Writes the rules' weak labels as predictions, through a label model, as a job")
    @APIResponse(responseCode = "202", description = "The job, running: follow it at /api/jobs/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
    @POST
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Job>> apply(@RestPath String name, @RestPath String task, ApplyRequest body) {
        ApplyRequest request = body == null ? new ApplyRequest(null, null) : body;
        return weakLabels.start(workspace.name(), name, Task.fromPath(task), request, workspace.username())
                .map(job -> RestResponse.status(RestResponse.Status.ACCEPTED, job));
    }
}

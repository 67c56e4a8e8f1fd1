package io.rubrix.annotation.job;

import java.net.URI;

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

import io.rubrix.annotation.job.Job.Kind;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Changes many records at once: by ids, the job runs while the caller waits (200, the finished job); by query,
 * it runs in the background (202, the job to follow at its {@code Location}).
 */
@Path("/api/datasets/{name}/{task}")
public class BulkResource {

    private final BulkJobs bulk;
    private final RequestWorkspace workspace;

    public BulkResource(BulkJobs bulk, RequestWorkspace workspace) {
        this.bulk = bulk;
        this.workspace = workspace;
    }

    /** Labels, validates or discards the selected records as the caller. */
    @Operation(summary = "Starts a job that labels the given ids, or every record a query matches")
    @APIResponse(responseCode = "200", description = "The job, finished within the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "202", description = "The job, still running: follow Location (/api/jobs/{id})",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
    @POST
    @Path("bulk-annotations")
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Job>> annotate(@RestPath String name, @RestPath String task, BulkRequest body) {
        return start(Kind.annotate, name, task, body);
    }

    /** Deletes the selected records (admins only). */
    @Operation(summary = "Starts a job that deletes the given ids, or every record a query matches")
    @APIResponse(responseCode = "200", description = "The job, finished within the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "202", description = "The job, still running: follow Location (/api/jobs/{id})",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
    @POST
    @Path("bulk-deletions")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Job>> delete(@RestPath String name, @RestPath String task, BulkRequest body) {
        return start(Kind.delete, name, task, body);
    }

    private Uni<RestResponse<Job>> start(Kind kind, String name, String task, BulkRequest body) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"ids\": [...]} or {\"query\": {...}}");
        }
        String target = workspace.name();
        return bulk.start(kind, target, name, Task.fromPath(task), body, workspace.username(),
                workspace.caller().hasRole(Roles.ADMIN))
                .map(job -> job.state().finished() ? RestResponse.ok(job)
                        : RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, job)
                                .location(URI.create("/api/jobs/" + job.id())).build());
    }
}

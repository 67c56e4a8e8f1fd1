package io.rubrix.annotation.job;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.security.Roles;
import io.rubrix.model.security.Workspaces;
import io.smallrye.mutiny.Uni;

/** A bulk job's progress, and a way to stop it. Jobs of other workspaces are 404. */
@Path("/api/jobs/{id}")
public class JobResource {

    private final JobStore jobs;
    private final CallerWorkspaces workspaces;
    private final SecurityIdentity identity;

    public JobResource(JobStore jobs, CallerWorkspaces workspaces, SecurityIdentity identity) {
        this.jobs = jobs;
        this.workspaces = workspaces;
        this.identity = identity;
    }

    @Operation(summary = "A bulk job's state and progress")
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Job> get(@RestPath String id) {
        return visible(id);
    }

    /**
     * Asks the job to stop before its next page (its creator or an admin); what it did stays done. Answers the job
     * as it is now: a job that already ended is left as it is.
     */
    @Operation(summary = "Cancels a running bulk job")
    @POST
    @Path("cancel")
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Job> cancel(@RestPath String id) {
        Workspaces caller = workspaces.of(identity);
        return visible(id).chain(job -> {
            if (!job.createdBy().equals(caller.username()) && !identity.hasRole(Roles.ADMIN)) {
                throw ApiException.forbidden("Only the job's creator or an admin may cancel it");
            }
            if (job.state().finished()) {
                return Uni.createFrom().item(job);
            }
            return jobs.requestCancel(id).chain(() -> jobs.get(id));
        });
    }

    private Uni<Job> visible(String id) {
        Workspaces caller = workspaces.of(identity);
        return jobs.get(id).invoke(job -> {
            if (!caller.contains(job.workspace())) {
                throw ApiException.notFound("No job '" + id + "'");
            }
        });
    }
}

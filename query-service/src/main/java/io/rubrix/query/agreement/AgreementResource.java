package io.rubrix.query.agreement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.rubrix.query.summary.SummaryRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/datasets")
public class AgreementResource {

    private final AgreementService agreement;
    private final RequestWorkspace workspace;

    public AgreementResource(AgreementService agreement, RequestWorkspace workspace) {
        this.agreement = agreement;
        this.workspace = workspace;
    }

    /** The team's agreement and progress over the records matching the query ({@code {"query": {...}}}, optional). */
    @Operation(summary = "Krippendorff's alpha, Cohen's kappa per pair of annotators and progress per annotator")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}:agreement")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Agreement> agreement(@RestPath String name, @RestPath String task, SummaryRequest request) {
        return agreement.of(workspace.name(), name, Task.fromPath(task),
                request == null ? null : request.queryOrAll());
    }
}

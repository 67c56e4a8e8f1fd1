package io.rubrix.query.summary;

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
import io.smallrye.mutiny.Uni;

@Path("/api/datasets")
public class SummaryResource {

    private final SummaryService summaries;
    private final RequestWorkspace workspace;

    public SummaryResource(SummaryService summaries, RequestWorkspace workspace) {
        this.summaries = summaries;
        this.workspace = workspace;
    }

    /** Progress and model quality of the records matching the query (body optional). */
    @Operation(summary = "Counts, label distributions and metrics of the records a query matches")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}:summary")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DatasetSummary> summary(@RestPath String name, @RestPath String task, SummaryRequest request) {
        return summaries.summarize(workspace.name(), name, Task.fromPath(task), request);
    }
}

package io.rubrix.query.monitoring;

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
public class SeriesResource {

    private final SeriesService series;
    private final RequestWorkspace workspace;

    public SeriesResource(SeriesService series, RequestWorkspace workspace) {
        this.series = series;
        this.workspace = workspace;
    }

    /** Monitoring series of the records matching the query, over event_timestamp. */
    @Operation(summary = "Time series of predictions, labels and confidence over event_timestamp (monitoring)")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}:series")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Series> series(@RestPath String name, @RestPath String task, SeriesRequest request) {
        return series.series(workspace.name(), name, Task.fromPath(task), request);
    }
}

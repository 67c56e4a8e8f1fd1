package io.rubrix.query.monitoring;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.record.Task;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.common.security.Roles;
import io.rubrix.common.security.Workspaces;
import io.smallrye.mutiny.Uni;

@Path("/api/datasets")
public class SeriesResource {

    private final SeriesService series;
    private final CallerWorkspaces workspaces;
    private final SecurityIdentity identity;

    public SeriesResource(SeriesService series, CallerWorkspaces workspaces, SecurityIdentity identity) {
        this.series = series;
        this.workspaces = workspaces;
        this.identity = identity;
    }

    /** Monitoring series of the records matching the query, over event_timestamp. */
    @Operation(summary = "Time series of predictions, labels and confidence over event_timestamp (monitoring)")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}:series")
    @RolesAllowed({Roles.VIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Series> series(@RestPath String name, @RestPath String task, SeriesRequest request,
            @RestQuery String workspace, @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return series.series(workspaces.target(identity, workspace, workspaceHeader), name, Task.ofAction(task), request);
    }
}

package io.rubrix.query.drift;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.MonitorRequest;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** A dataset's drift monitors, where they stand, their series and alerts (ADR 0014): any reader of the dataset. */
@Path("/api/datasets")
public class MonitorsResource {

    private final MonitorsReader monitors;
    private final RequestWorkspace workspace;

    public MonitorsResource(MonitorsReader monitors, RequestWorkspace workspace) {
        this.monitors = monitors;
        this.workspace = workspace;
    }

    @Operation(summary = "Every drift monitor of the dataset, with its status: when last evaluated, the measures "
            + "alerting, each measure's last value")
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/monitors")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<MonitorViews.Listing> all(@RestPath String name, @RestPath String task) {
        return monitors.all(workspace.name(), name, Task.fromPath(task));
    }

    @Operation(summary = "One drift monitor, its status and its last evaluation with both windows' histograms")
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/monitors/{monitor}")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<MonitorViews.Detail> one(@RestPath String name, @RestPath String task, @RestPath String monitor) {
        return monitors.one(workspace.name(), name, Task.fromPath(task), monitor);
    }

    @Operation(summary = "A monitor's measures over time (oldest first): value, threshold, reading, both windows' "
            + "records")
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/monitors/{monitor}/evaluations")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<MonitorViews.Series> series(@RestPath String name, @RestPath String task, @RestPath String monitor,
            @RestQuery String measure, @RestQuery String from, @RestQuery String to,
            @RestQuery @DefaultValue("500") int size) {
        return monitors.series(workspace.name(), name, Task.fromPath(task), monitor, measure, instant("from", from),
                instant("to", to), size);
    }

    @Operation(summary = "A monitor's alerts raised and cleared (newest first), with their Kafka and webhook delivery")
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/monitors/{monitor}/alerts")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<MonitorViews.Alerts> alerts(@RestPath String name, @RestPath String task, @RestPath String monitor,
            @RestQuery @DefaultValue("50") int size) {
        return monitors.alerts(workspace.name(), name, Task.fromPath(task), monitor, size);
    }

    /** A monitor as it is being written, evaluated now: nothing is kept. */
    @Operation(summary = "Evaluates a monitor not saved, now (both windows' histograms and each statistic)")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}/monitors:preview")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Evaluation> preview(@RestPath String name, @RestPath String task, MonitorRequest body) {
        return monitors.preview(workspace.name(), name, Task.fromPath(task), body);
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(field, "is not a date: " + text);
        }
    }
}

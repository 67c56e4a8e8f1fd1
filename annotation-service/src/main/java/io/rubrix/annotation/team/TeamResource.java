package io.rubrix.annotation.team;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.rubrix.annotation.label.Refresh;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.Problem;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** A record's responses (one per person) and a reviewer's decision on them (ADR 0012). */
@Path("/api/datasets/{name}/{task}/records/{id}")
public class TeamResource {

    private final TeamService team;
    private final RequestWorkspace workspace;

    public TeamResource(TeamService team, RequestWorkspace workspace) {
        this.team = team;
        this.workspace = workspace;
    }

    /**
     * Writes the caller's own response. {@code If-Match}: the version of their response they saw (none for a first
     * response); 409 with their response as it is now when it moved, 428 when they have one and sent no version.
     */
    @Operation(summary = "Writes the caller's own response to a record (draft, submitted or discarded)")
    @PUT
    @Path("responses/me")
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TeamView>> respond(@RestPath String name, @RestPath String task, @RestPath String id,
            ResponseRequest body, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RestQuery String refresh) {
        String user = workspace.username();
        return team.respond(workspace.name(), name, Task.fromPath(task), id, user, given(body), responseVersion(ifMatch),
                        Refresh.of(refresh))
                .map(view -> RestResponse.ResponseBuilder.ok(view).header(HttpHeaders.ETAG, "\""
                        + view.responses().stream().filter(r -> r.user().equals(user)).findFirst()
                                .map(r -> r.version()).orElse(0L) + "\"").build());
    }

    /**
     * Writes the caller's own response as {@code PUT .../responses/me} does, and answers it with their next record
     * from their queue ({@code next}: null when nothing is left for them): "submit and get next" in one round trip.
     */
    @Operation(summary = "Writes the caller's own response and hands them their next record (queue:next)")
    @PUT
    @Path("responses/me:next")
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TeamService.Answered> respondAndNext(@RestPath String name, @RestPath String task, @RestPath String id,
            ResponseRequest body, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RestQuery String refresh) {
        return team.respond(workspace.name(), name, Task.fromPath(task), id, workspace.username(), given(body),
                responseVersion(ifMatch), Refresh.of(refresh), true);
    }

    /** The record with the responses the caller may read: their own; everyone's for reviewers and admins. */
    @Operation(summary = "A record with the responses the caller may read")
    @GET
    @Path("responses")
    @RolesAllowed({Roles.ANNOTATOR, Roles.REVIEWER, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TeamView> responses(@RestPath String name, @RestPath String task, @RestPath String id) {
        return team.view(workspace.name(), name, Task.fromPath(task), id, reader());
    }

    /**
     * A reviewer's decision: {@code {"pick": "<user>"}} or {@code {"annotation": {...}, "status": "Validated"}}
     * becomes the record's annotation (agent: the reviewer). {@code If-Match}: the record's version they saw.
     */
    @Operation(summary = "Decides a record's annotation from its responses (reviewers and admins)")
    @PUT
    @Path("review")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TeamView>> review(@RestPath String name, @RestPath String task, @RestPath String id,
            ReviewRequest body, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RestQuery String refresh) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"pick\": \"<user>\"} or {\"annotation\": {...}}");
        }
        RecordVersion seen = ifMatch != null ? RecordVersion.parse(ifMatch, "If-Match")
                : body.version() != null ? RecordVersion.parse(body.version(), "version") : null;
        if (seen == null) {
            throw new ApiException(Problem.of(428, "Precondition Required",
                    "version: send the version of the record you reviewed (If-Match header or \"version\" field)"));
        }
        return team.review(workspace.name(), name, Task.fromPath(task), id, workspace.username(), body, seen,
                        Refresh.of(refresh))
                .map(view -> RestResponse.ResponseBuilder.ok(view)
                        .header(HttpHeaders.ETAG, "\"" + view.version() + "\"").build());
    }

    private TeamService.Reader reader() {
        boolean seesAll = workspace.caller().hasRole(Roles.REVIEWER) || workspace.caller().hasRole(Roles.ADMIN);
        return new TeamService.Reader(workspace.username(), seesAll);
    }

    private static ResponseRequest given(ResponseRequest body) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"status\": \"submitted\", \"annotation\": {...}}");
        }
        return body;
    }

    /** A response's version from {@code If-Match} ({@code "3"}, quoted or not); null without one. */
    static Long responseVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String text = ifMatch.strip().replace("W/", "").replace("\"", "");
        try {
            long version = Long.parseLong(text);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("If-Match", "'" + ifMatch + "' is not a response version (use the version your "
                + "last write of it answered, 0 for none)");
    }
}

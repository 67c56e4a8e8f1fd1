package io.rubrix.annotation.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.security.Roles;
import io.rubrix.model.team.TeamSettings;
import io.smallrye.mutiny.Uni;

@Path("/api/datasets/{name}/settings")
public class SettingsResource {

    private final SettingsService settings;
    private final RequestWorkspace workspace;

    public SettingsResource(SettingsService settings, RequestWorkspace workspace) {
        this.settings = settings;
        this.workspace = workspace;
    }

    /** Sets the label schema (an empty list allows any label) and the guidelines. Admins only. */
    @Operation(summary = "Replaces the label schema and guidelines")
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DatasetSettings> replace(@RestPath String name, SettingsReplacement body) {
        if (body == null) {
            throw ApiException.badRequest("body", "settings are required: {\"labels\": [...], \"guidelines\": \"...\"}");
        }
        return settings.replace(workspace.name(), name, body.settings());
    }

    /**
     * Sets how a team labels the records: {@code {"min_submitted": 3, "resolution": "review",
     * "responses_visible_after_submit": false}} (absent members take their defaults: 1, review, false). Admins only.
     */
    @Operation(summary = "Sets how many people answer each record and how their answers become its annotation")
    @PUT
    @Path("team")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TeamSettings> replaceTeam(@RestPath String name, TeamSettings body) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"min_submitted\": 2, \"resolution\": \"review\"}");
        }
        return settings.replaceTeam(workspace.name(), name, body);
    }

    /** Makes the label schema the labels already seen in the records (one call to start a schema). Admins only. */
    @Operation(summary = "Makes the label schema the labels already in the records")
    @POST
    @Path("schema-from-records")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DatasetSettings> schemaFromRecords(@RestPath String name) {
        return settings.schemaFromRecords(workspace.name(), name);
    }
}

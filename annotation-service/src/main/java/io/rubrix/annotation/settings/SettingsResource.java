package io.rubrix.annotation.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.dataset.DatasetSettings;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.common.security.Roles;
import io.rubrix.common.security.Workspaces;
import io.smallrye.mutiny.Uni;

@Path("/api/datasets/{name}/settings")
public class SettingsResource {

    private final SettingsService settings;
    private final CallerWorkspaces workspaces;
    private final SecurityIdentity identity;

    public SettingsResource(SettingsService settings, CallerWorkspaces workspaces, SecurityIdentity identity) {
        this.settings = settings;
        this.workspaces = workspaces;
        this.identity = identity;
    }

    /** Sets the label schema (an empty list allows any label) and the guidelines. Admins only. */
    @Operation(summary = "Replaces the label schema and guidelines")
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DatasetSettings> replace(@RestPath String name, SettingsReplacement body, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        if (body == null) {
            throw ApiException.badRequest("body", "settings are required: {\"labels\": [...], \"guidelines\": \"...\"}");
        }
        return settings.replace(workspaces.target(identity, workspace, workspaceHeader), name, body.settings());
    }

    /** Makes the label schema the labels already seen in the records (one call to start a schema). Admins only. */
    @Operation(summary = "Makes the label schema the labels already in the records")
    @POST
    @Path("schema-from-records")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DatasetSettings> schemaFromRecords(@RestPath String name, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return settings.schemaFromRecords(workspaces.target(identity, workspace, workspaceHeader), name);
    }
}

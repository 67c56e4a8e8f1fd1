package io.rubrix.query.dataset;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.dataset.Dataset;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.common.security.Roles;
import io.rubrix.common.security.Workspaces;
import io.smallrye.mutiny.Uni;

/** The datasets of the caller's workspaces; another workspace's dataset is not found. */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
public class DatasetsResource {

    private final DatasetCatalog catalog;
    private final DatasetStore store;
    private final CallerWorkspaces workspaces;
    private final SecurityIdentity identity;

    public DatasetsResource(DatasetCatalog catalog, DatasetStore store, CallerWorkspaces workspaces,
            SecurityIdentity identity) {
        this.catalog = catalog;
        this.store = store;
        this.workspaces = workspaces;
        this.identity = identity;
    }

    /** Every dataset of every workspace of the caller, or of the one it names. */
    @Operation(summary = "Lists the datasets of the caller's workspace")
    @GET
    @Path("/")
    public Uni<List<DatasetListing>> list(@RestQuery String workspace, @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        Workspaces mine = workspaces.of(identity);
        String named = workspace != null ? workspace : workspaceHeader;
        return catalog.list(named == null ? mine.names() : List.of(mine.resolve(named)));
    }

    @Operation(summary = "Describes one dataset")
    @GET
    @Path("{name}")
    public Uni<Dataset> get(@RestPath String name, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return store.require(workspaces.target(identity, workspace, workspaceHeader), name);
    }
}

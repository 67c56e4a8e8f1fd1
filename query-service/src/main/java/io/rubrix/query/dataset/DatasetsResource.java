package io.rubrix.query.dataset;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** The datasets of the caller's workspaces; another workspace's dataset is not found. */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
public class DatasetsResource {

    private final DatasetCatalog catalog;
    private final DatasetStore store;
    private final RequestWorkspace workspace;

    public DatasetsResource(DatasetCatalog catalog, DatasetStore store, RequestWorkspace workspace) {
        this.catalog = catalog;
        this.store = store;
        this.workspace = workspace;
    }

    /** Every dataset of every workspace of the caller, or of the one it names. */
    @Operation(summary = "Lists the datasets of the caller's workspaces, or of the one named")
    @GET
    @Path("/")
    public Uni<List<DatasetListing>> list() {
        return catalog.list(workspace.namedOrEvery());
    }

    @Operation(summary = "Describes one dataset")
    @GET
    @Path("{name}")
    public Uni<Dataset> get(@RestPath String name) {
        return store.require(workspace.name(), name);
    }
}

package io.rubrix.ingest.bulk;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.rubrix.common.http.Flag;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/datasets")
public class BulkResource {

    private final BulkIngestion ingestion;
    private final RequestWorkspace workspace;

    public BulkResource(BulkIngestion ingestion, RequestWorkspace workspace) {
        this.ingestion = ingestion;
        this.workspace = workspace;
    }

    /**
     * Rubrix's bulk logging ({@code rb.log}). The records are searchable when it answers, unless
     * {@code refresh=false} asks to skip that for throughput. The body arrives as bytes and is read once, on
     * the event loop: read as a {@link BulkRequest} by Quarkus, its records were built as a tree twice.
     */
    @Operation(summary = "Logs a batch of records (rb.log): creates the dataset on first use; per-record errors, the rest indexed")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}:bulk")
    @RolesAllowed({Roles.INGEST, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<BulkResponse> bulk(@RestPath String name, @RestPath String task,
            @RequestBody(content = @Content(schema = @Schema(implementation = BulkRequest.class))) byte[] body,
            @RestQuery("refresh") String refresh) {
        String target = workspace.name();
        BulkCaller caller = BulkCaller.of(workspace.caller(), workspace.username());
        boolean searchableOnReturn = !Boolean.FALSE.equals(Flag.of("refresh", refresh));
        return ingestion.ingest(target, caller, name, Task.fromPath(task), body, searchableOnReturn);
    }
}

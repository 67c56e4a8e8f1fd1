package io.rubrix.query.snapshot;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.security.Roles;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.rubrix.query.export.NdjsonChunks;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** {@code rb.snapshots(name)} and {@code rb.load(name, snapshot=id)}. */
@Path("/api/datasets/{name}/snapshots")
@RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
public class SnapshotsResource {

    private final SnapshotReader snapshots;
    private final RequestWorkspace workspace;

    public SnapshotsResource(SnapshotReader snapshots, RequestWorkspace workspace) {
        this.snapshots = snapshots;
        this.workspace = workspace;
    }

    @Operation(summary = "Lists the dataset's snapshots")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<DatasetSnapshot>> list(@RestPath String name) {
        return snapshots.list(workspace.name(), name);
    }

    @Operation(summary = "Describes one snapshot")
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DatasetSnapshot> get(@RestPath String name, @RestPath String id) {
        return snapshots.get(workspace.name(), name, id);
    }

    @Operation(summary = "Streams a snapshot's rows as NDJSON")
    @APIResponse(responseCode = "200", description = "One training row per line: the record's inputs and its annotation",
            content = @Content(mediaType = NdjsonChunks.TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @GET
    @Path("{id}/data")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> data(@RestPath String name, @RestPath String id) {
        return NdjsonChunks.response(snapshots.rows(workspace.name(), name, id));
    }
}

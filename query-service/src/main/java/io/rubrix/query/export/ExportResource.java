package io.rubrix.query.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;


import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.common.record.Task;
import io.rubrix.common.security.CallerWorkspaces;
import io.rubrix.common.security.Roles;
import io.rubrix.common.security.Workspaces;
import io.rubrix.query.search.SearchRequest;
import io.vertx.core.buffer.Buffer;

/** Rubrix's {@code rb.load}: every matching record as newline-delimited JSON, streamed. */
@Path("/api/datasets/{name}/{task}/data")
public class ExportResource {

    private final RecordExport export;
    private final CallerWorkspaces workspaces;
    private final SecurityIdentity identity;

    public ExportResource(RecordExport export, CallerWorkspaces workspaces, SecurityIdentity identity) {
        this.export = export;
        this.workspaces = workspaces;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.VIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> data(@RestPath String name, @RestPath String task, SearchRequest request,
            @RestQuery Integer limit, @RestQuery String workspace,
            @RestHeader(Workspaces.HEADER) String workspaceHeader) {
        return NdjsonChunks.response(export.ndjson(workspaces.target(identity, workspace, workspaceHeader), name,
                Task.ofAction(task), request, limit));
    }
}

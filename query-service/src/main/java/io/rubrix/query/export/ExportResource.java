package io.rubrix.query.export;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.security.Roles;
import io.vertx.core.buffer.Buffer;

/**
 * Rubrix's {@code rb.load}: every matching record as newline-delimited JSON, streamed. The body is the query, as
 * Rubrix v0.1's client sends it, or {@code {"query": {...}}} ({@link ExportQuery}).
 */
@Path("/api/datasets/{name}/{task}/data")
public class ExportResource {

    private final RecordExport export;
    private final RequestWorkspace workspace;
    private final ObjectMapper json;

    public ExportResource(RecordExport export, RequestWorkspace workspace,
            ObjectMapper json) {
        this.export = export;
        this.json = json;
        this.workspace = workspace;
    }

    @Operation(summary = "Streams the records a query matches as NDJSON (rb.load)")
    @APIResponse(responseCode = "200", description = "One record of the dataset's task per line",
            content = @Content(mediaType = NdjsonChunks.TYPE, schema = @Schema(oneOf = {
                    TextClassificationRecord.class, TokenClassificationRecord.class, Text2TextRecord.class})))
    @POST
    @RolesAllowed({Roles.VIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> data(@RestPath String name, @RestPath String task,
            @RequestBody(content = @Content(schema = @Schema(implementation = RecordQuery.class))) JsonNode body,
            @RestQuery Integer limit) {
        return NdjsonChunks.response(export.ndjson(workspace.name(), name,
                Task.fromPath(task), ExportQuery.of(body, json), limit));
    }
}

package io.rubrix.query.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.Problem;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.security.Roles;
import io.vertx.core.buffer.Buffer;

/**
 * Rubrix's {@code rb.load}: every matching record as newline-delimited JSON, streamed. The body is the query, as
 * Rubrix v0.1's client sends it, or {@code {"query": {...}}} ({@link ExportQuery}). And the same records as a file to
 * download, by a plain link: {@code GET} with the query, the format and the workspace in the address.
 */
@Path("/api/datasets/{name}/{task}/data")
public class ExportResource {

    private final RecordExport export;
    private final RecordDownload download;
    private final RequestWorkspace workspace;
    private final ObjectMapper json;

    public ExportResource(RecordExport export, RecordDownload download, RequestWorkspace workspace,
            ObjectMapper json) {
        this.export = export;
        this.download = download;
        this.json = json;
        this.workspace = workspace;
    }

    @Operation(summary = "Streams the records a query matches as NDJSON (rb.load)")
    @APIResponse(responseCode = "200", description = "One record of the dataset's task per line",
            content = @Content(mediaType = NdjsonChunks.TYPE, schema = @Schema(oneOf = {
                    TextClassificationRecord.class, TokenClassificationRecord.class, Text2TextRecord.class})))
    @POST
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> data(@RestPath String name, @RestPath String task,
            @RequestBody(content = @Content(schema = @Schema(implementation = RecordQuery.class))) JsonNode body,
            @RestQuery Integer limit) {
        return NdjsonChunks.response(export.ndjson(workspace.name(), name,
                Task.fromPath(task), ExportQuery.of(body, json), limit));
    }

    @Operation(summary = "Downloads the records a query matches as a file: JSONL, CSV or CoNLL (token classification)",
            description = "A plain link (GET, the workspace as a parameter) that a browser saves as it streams: "
                    + "Content-Disposition: attachment; filename=\"<dataset>.<format>\". jsonl: the lines of POST .../data. "
                    + "csv: a header, then a row per record: id, inputs.<field> (text classification) or text, status, "
                    + "annotation, annotation_agent, prediction, prediction_confidence, prediction_agent, event_timestamp, "
                    + "metadata.<field>; several values in a cell are joined by ';'. conll: '# id = ', '# tags = "
                    + "annotation|prediction|none', then a token, a tab and its BIO tag per line, a blank line after each record.")
    @APIResponse(responseCode = "200", description = "The file, one record per line (jsonl), row (csv) or block (conll)",
            content = {
                    @Content(mediaType = NdjsonChunks.TYPE, schema = @Schema(oneOf = {
                            TextClassificationRecord.class, TokenClassificationRecord.class, Text2TextRecord.class})),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING))})
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> file(@RestPath String name, @RestPath String task,
            @Parameter(description = "jsonl (the default), csv, or conll (token classification only)") @RestQuery String format,
            @Parameter(description = "The search query as JSON, as :search takes it in its query field "
                    + "({\"query_text\": \"...\", \"status\": [\"Validated\"]}); absent: every record") @RestQuery String query,
            @Parameter(description = "CoNLL's tags: annotation (the default; a record without one takes its "
                    + "prediction's) or prediction") @RestQuery String source,
            @Parameter(description = "true: each line also holds team.responses (every person's response with its "
                    + "author) and team.review (reviewers and admins; jsonl only)") @RestQuery Boolean responses,
            @RestQuery Integer limit) {
        boolean withResponses = Boolean.TRUE.equals(responses);
        if (withResponses && !workspace.caller().hasRole(Roles.REVIEWER) && !workspace.caller().hasRole(Roles.ADMIN)) {
            throw new ApiException(Problem.of(403, "Forbidden",
                    "responses: every person's responses are for reviewers and admins"));
        }
        Task taskOfPath = Task.fromPath(task);
        ExportFormat chosen = ExportFormat.of(format, taskOfPath);
        TagSource tags = TagSource.of(source, chosen);
        RecordQuery records = ExportQuery.ofParameter(query, json);
        return RestMulti.fromMultiData(download.file(workspace.name(), name, taskOfPath, records, limit, chosen, tags,
                        withResponses))
                .header("Content-Type", chosen.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + chosen.fileName(name) + "\"")
                .build();
    }
}

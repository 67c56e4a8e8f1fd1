package io.rubrix.annotation.label;

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

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** One record's annotation: read it with its version, change it over that version. */
@Path("/api/datasets/{name}/{task}/records/{id}/annotation")
public class LabelResource {

    private final LabelService labels;
    private final RequestWorkspace workspace;

    public LabelResource(LabelService labels, RequestWorkspace workspace) {
        this.labels = labels;
        this.workspace = workspace;
    }

    /** The record and its version (also as ETag), for a client about to label it. */
    @Operation(summary = "A record with its annotation and version (ETag) for labelling")
    @GET
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<LabelledRecord>> read(@RestPath String name, @RestPath String task, @RestPath String id) {
        return labels.read(workspace.name(), name, Task.fromPath(task), id)
                .map(LabelResource::withEtag);
    }

    /**
     * Labels the record as the caller. The version seen is required, as {@code If-Match} or {@code version}:
     * 428 without it, 409 (with the record as it is now) when it is stale.
     */
    @Operation(summary = "Labels one record as the caller; If-Match makes a stale version a 409")
    @PUT
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<LabelledRecord>> label(@RestPath String name, @RestPath String task, @RestPath String id,
            LabelRequest body, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch, @RestQuery String refresh) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"annotation\": {...}, \"status\": \"...\"}");
        }
        RecordVersion seen = seenVersion(ifMatch, body.version());
        return labels.label(workspace.name(), name, Task.fromPath(task), id,
                body.change(), seen, workspace.username(), workspace.caller().hasRole(Roles.ADMIN), Refresh.of(refresh))
                .map(LabelResource::withEtag);
    }

    private static RecordVersion seenVersion(String ifMatch, String bodyVersion) {
        if (ifMatch != null) {
            return RecordVersion.parse(ifMatch, "If-Match");
        }
        if (bodyVersion != null) {
            return RecordVersion.parse(bodyVersion, "version");
        }
        throw new ApiException(io.rubrix.model.error.Problem.of(428, "Precondition Required",
                "version: send the version of the record you saw (If-Match header or \"version\" field), "
                        + "so that nobody's label is overwritten unseen"));
    }

    private static RestResponse<LabelledRecord> withEtag(LabelledRecord labelled) {
        return RestResponse.ResponseBuilder.ok(labelled)
                .header(HttpHeaders.ETAG, "\"" + labelled.version() + "\"").build();
    }
}

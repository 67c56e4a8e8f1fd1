package io.rubrix.annotation.history;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.rubrix.annotation.label.LabelService;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** Who did what to a record, newest first: label changes and comments. */
@Path("/api/datasets/{name}/{task}/records/{id}/history")
public class HistoryResource {

    static final int MAX_LIMIT = 1000;

    private final HistoryStore history;
    private final LabelService labels;
    private final RequestWorkspace workspace;

    public HistoryResource(HistoryStore history, LabelService labels, RequestWorkspace workspace) {
        this.history = history;
        this.labels = labels;
        this.workspace = workspace;
    }

    @Operation(summary = "The record's history, newest first: label changes and comments (action comment, with text)")
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<AnnotationEvent>> history(@RestPath String name, @RestPath String task, @RestPath String id,
            @RestQuery Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "must be between 1 and " + MAX_LIMIT + ", not " + size);
        }
        RecordId.of(id).violation().ifPresent(violation -> {
            throw ApiException.badRequest(violation.field(), violation.reason());
        });
        String target = workspace.name();
        return labels.dataset(target, name, Task.fromPath(task))
                .chain(dataset -> history.ofRecord(target, name, id, dataset.createdAt(), size));
    }
}

package io.rubrix.annotation.comment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/** Comments on a record: people's notes, listed in the record's history with their author and time. */
@Path("/api/datasets/{name}/{task}/records/{id}/comments")
public class CommentResource {

    private final CommentService comments;
    private final RequestWorkspace workspace;

    public CommentResource(CommentService comments, RequestWorkspace workspace) {
        this.comments = comments;
        this.workspace = workspace;
    }

    /** Writes {@code {"text": "..."}} on the record as the caller; people only, as for labels. */
    @Operation(summary = "Comments on one record as the caller; the comment joins the record's history")
    @APIResponse(responseCode = "201", description = "The comment, as the record's history lists it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Comment.class)))
    @POST
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Comment>> comment(@RestPath String name, @RestPath String task, @RestPath String id,
            CommentRequest body) {
        if (body == null) {
            throw ApiException.badRequest("text", "is required: give {\"text\": \"...\"}");
        }
        String text = body.requireText();
        return comments.comment(workspace.name(), name, Task.fromPath(task), id, text, workspace.username())
                .map(comment -> RestResponse.status(RestResponse.Status.CREATED, comment));
    }
}

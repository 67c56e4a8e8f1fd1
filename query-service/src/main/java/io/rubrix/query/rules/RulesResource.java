package io.rubrix.query.rules;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.query.export.NdjsonChunks;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** The figures of a dataset's labelling rules (ADR 0013), read from its descriptor: any reader of the dataset may ask. */
@Path("/api/datasets")
public class RulesResource {

    private final RulesService rules;
    private final RuleMatrix matrix;
    private final RequestWorkspace workspace;

    public RulesResource(RulesService rules, RuleMatrix matrix, RequestWorkspace workspace) {
        this.rules = rules;
        this.matrix = matrix;
        this.workspace = workspace;
    }

    @Operation(summary = "Every labelling rule of the dataset with its figures (coverage, precision, overlaps, "
            + "conflicts), oldest first, and the figures of the whole set")
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/labeling/rules")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RuleFigures.Listing> all(@RestPath String name, @RestPath String task) {
        return rules.all(workspace.name(), name, Task.fromPath(task));
    }

    @Operation(summary = "One labelling rule with its figures, overlaps and conflicts against the other rules")
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/labeling/rules/{rule}")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RuleFigures.Rule> one(@RestPath String name, @RestPath String task, @RestPath String rule) {
        return rules.one(workspace.name(), name, Task.fromPath(task), rule);
    }

    /** The figures of a rule as it is typed ({@code {"query": "...", "labels": [...]}}), before it is saved. */
    @Operation(summary = "The figures of a rule not saved, its overlaps and conflicts against the saved rules")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}/labeling/rules:figures")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RuleFigures.Draft> figures(@RestPath String name, @RestPath String task, RuleDraft draft) {
        return rules.draft(workspace.name(), name, Task.fromPath(task), draft);
    }

    /** The label matrix: a line per record with every rule's vote (null where it abstains) and the human labels. */
    @Operation(summary = "The rules' votes on every record (the label matrix), one NDJSON line per record")
    @APIResponse(responseCode = "200", description = "{\"id\", \"votes\": {rule: label or null}, \"annotated_as\": [...]}"
            + " per line", content = @Content(mediaType = NdjsonChunks.TYPE,
                    schema = @Schema(type = SchemaType.OBJECT)))
    @GET
    @Path("{name}/{task: [A-Za-z0-9]+}/labeling/rules:matrix")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<Buffer> matrix(@RestPath String name, @RestPath String task) {
        return NdjsonChunks.response(matrix.lines(workspace.name(), name, Task.fromPath(task)));
    }
}

package io.rubrix.annotation.rules;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
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
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A dataset's labelling rules (ADR 0013), written by people; their figures and the label matrix are reads
 * (query-service).
 */
@Path("/api/datasets/{name}/{task}/labeling/rules/{rule}")
public class RulesResource {

    private final RulesService rules;
    private final RequestWorkspace workspace;

    public RulesResource(RulesService rules, RequestWorkspace workspace) {
        this.rules = rules;
        this.workspace = workspace;
    }

    /**
     * Creates the rule {@code rule} (201) or replaces it (200; its author and creation time stay):
     * {@code {"query": "inputs.subject:(winner OR prize)", "labels": ["spam"], "description": "..."}}.
     */
    @Operation(summary = "Creates or replaces a labelling rule: a query and the labels it votes for")
    @APIResponse(responseCode = "200", description = "The rule, replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LabelingRule.class)))
    @APIResponse(responseCode = "201", description = "The rule, created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LabelingRule.class)))
    @PUT
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<LabelingRule>> put(@RestPath String name, @RestPath String task, @RestPath String rule,
            RuleRequest body) {
        if (body == null) {
            throw ApiException.badRequest("body", "give {\"query\": \"...\", \"labels\": [\"...\"]}");
        }
        return rules.put(workspace.name(), name, Task.fromPath(task), rule, body, workspace.username())
                .map(written -> written.created()
                        ? RestResponse.status(RestResponse.Status.CREATED, written.rule())
                        : RestResponse.ok(written.rule()));
    }

    @Operation(summary = "Deletes a labelling rule")
    @APIResponse(responseCode = "204", description = "Deleted; no body")
    @DELETE
    @RolesAllowed({Roles.ANNOTATOR, Roles.ADMIN})
    public Uni<Void> delete(@RestPath String name, @RestPath String task, @RestPath String rule) {
        return rules.delete(workspace.name(), name, Task.fromPath(task), rule);
    }
}

package io.rubrix.query.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.rubrix.common.http.Flag;
import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/datasets")
public class SearchResource {

    private final SearchService search;
    private final RequestWorkspace workspace;

    public SearchResource(SearchService search, RequestWorkspace workspace) {
        this.search = search;
        this.workspace = workspace;
    }

    @Operation(summary = "Searches records: a page of results with highlights and, on the first page, aggregations")
    @POST
    @Path("{name}/{task: [A-Za-z0-9]+}:search")
    @RolesAllowed({Roles.VIEWER, Roles.REVIEWER, Roles.ANNOTATOR, Roles.ADMIN, Roles.INGEST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SearchResults> search(@RestPath String name, @RestPath String task, SearchRequest request,
            @RestQuery @DefaultValue("0") int from, @RestQuery @DefaultValue("50") int limit,
            @RestQuery String aggregations, @RestQuery String facets) {
        return search.search(workspace.name(), name, Task.fromPath(task), request, from, limit,
                Flag.of("aggregations", aggregations), FacetCounts.multiSelect(facets));
    }
}

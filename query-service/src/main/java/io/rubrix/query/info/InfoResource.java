package io.rubrix.query.info;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    private final StatusService status;

    public InfoResource(StatusService status) {
        this.status = status;
    }

    /** Open to anyone: clients check the server before logging in. */
    @Operation(summary = "The API's name and version (no token needed)")
    @GET
    @Path("_info")
    @PermitAll
    public ApiInfo info() {
        return new ApiInfo(status.version());
    }

    @Operation(summary = "The API's version and Elasticsearch's health")
    @GET
    @Path("_status")
    @Authenticated
    public Uni<ApiStatus> status() {
        return status.status();
    }
}

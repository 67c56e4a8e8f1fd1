package io.rubrix.query.export;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The NDJSON streams ({@code .../data}) answer {@code application/x-ndjson} whatever the client accepts: Rubrix's
 * OpenAPI document declares them {@code application/json}, clients generated from it send that, and a client that
 * asks for NDJSON by name must get it too. Content negotiation would refuse both with 406, because the endpoints
 * produce raw chunks (so that Quarkus does not write and flush one record at a time) under an explicit type.
 */
public class AnyAcceptForStreams {

    @ServerRequestFilter(preMatching = true)
    public void acceptTheStream(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().endsWith("/data")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
        }
    }
}

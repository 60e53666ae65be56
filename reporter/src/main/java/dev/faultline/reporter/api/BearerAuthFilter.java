package dev.faultline.reporter.api;

import dev.faultline.common.auth.TokenFile;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token authentication for every REST resource of the reporter (health under {@code /q} is not a resource
 * and stays open). Reports are read-only, so any role may read them: viewer, operator or admin.
 */
public class BearerAuthFilter {

    @Inject
    ApiTokens tokens;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        if (path.startsWith("/q/")) {
            return null;
        }
        boolean known = TokenFile.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(tokens::identify).isPresent();
        if (known) {
            return null;
        }
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"faultline\"")
                .entity(new ApiError(tokens.configured()
                        ? "a valid bearer token is required (Authorization: Bearer <token>)"
                        : "the reporter has no tokens file (faultline.auth.tokens-file); nobody can be authenticated"))
                .build();
    }
}

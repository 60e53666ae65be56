package dev.faultline.orchestrator.auth;

import dev.faultline.orchestrator.api.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token authentication and role checks for every REST resource (health under {@code /q} is not a resource
 * and stays open). Reading needs viewer; starting runs, dry runs, halting, resuming after a halt and changing
 * schedules need operator; anything else that changes state needs admin.
 */
public class AuthFilter {

    @Inject
    TokenStore tokens;
    @Inject
    Caller caller;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        if (path.startsWith("/q/")) {
            return null;
        }
        Optional<TokenStore.Identity> identity = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(tokens::identify);
        if (identity.isEmpty()) {
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"faultline\"")
                    .entity(ApiError.of(tokens.configured()
                            ? "a valid bearer token is required (Authorization: Bearer <token>)"
                            : "the orchestrator has no tokens file (faultline.auth.tokens-file); nobody can be authenticated"))
                    .build();
        }
        Role needed = required(request.getMethod(), path);
        if (!identity.get().role().includes(needed)) {
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("'" + identity.get().name() + "' has role " + identity.get().role().wireName()
                            + "; " + request.getMethod() + " " + path + " needs " + needed.wireName()))
                    .build();
        }
        caller.set(identity.get().name(), identity.get().role());
        return null;
    }

    /** The role a request needs. Pure, so that the rules can be read and tested in one place. */
    public static Role required(String method, String path) {
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return Role.VIEWER;
        }
        if ("POST".equals(method) && (path.equals("/api/v1/runs") || path.equals("/api/v1/halt")
                || path.equals("/api/v1/resume"))) {
            return Role.OPERATOR;
        }
        if (("POST".equals(method) || "DELETE".equals(method))
                && (path.equals("/api/v1/schedules") || path.startsWith("/api/v1/schedules/"))) {
            return Role.OPERATOR;
        }
        return Role.ADMIN;
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }
}

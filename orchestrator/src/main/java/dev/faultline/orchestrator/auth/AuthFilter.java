package dev.faultline.orchestrator.auth;

import dev.faultline.common.auth.Role;
import dev.faultline.common.auth.TokenFile;
import dev.faultline.orchestrator.api.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token authentication and role checks for every REST resource. Open without a token: health, metrics, the
 * OpenAPI description and Swagger UI under {@code /q} ({@link #open}), and nothing else. Reading needs viewer;
 * starting runs, dry runs, aborting a run, halting, resuming after a halt and changing schedules need operator;
 * anything else that changes state needs admin.
 */
public class AuthFilter {

    @Inject
    TokenStore tokens;
    @Inject
    Caller caller;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        if (open(path)) {
            return null;
        }
        Optional<TokenFile.Identity> identity = TokenFile.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))
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

    /**
     * Whether a path is served without a token: Quarkus's health checks (probes of orchestrators and load balancers),
     * the Prometheus metrics (scrapers carry no token; counts and timings, no experiment, target detail or secret:
     * docs/metrics.md), the OpenAPI description and Swagger UI (they describe the API, they do not act on it). Pure,
     * for its test.
     */
    public static boolean open(String path) {
        return OPEN_PREFIXES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")
                || path.startsWith(prefix + "."));
    }

    private static final java.util.List<String> OPEN_PREFIXES = java.util.List.of("/q/health", "/q/metrics",
            "/q/openapi", "/q/swagger-ui");

    /** The role a request needs. Pure, so that the rules can be read and tested in one place. */
    public static Role required(String method, String path) {
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return Role.VIEWER;
        }
        if ("POST".equals(method) && (path.equals("/api/v1/runs") || path.equals("/api/v1/halt")
                || path.matches("/api/v1/runs/[^/]+/abort") || path.equals("/api/v1/resume"))) {
            return Role.OPERATOR;
        }
        if (("POST".equals(method) || "DELETE".equals(method))
                && (path.equals("/api/v1/schedules") || path.startsWith("/api/v1/schedules/"))) {
            return Role.OPERATOR;
        }
        return Role.ADMIN;
    }
}

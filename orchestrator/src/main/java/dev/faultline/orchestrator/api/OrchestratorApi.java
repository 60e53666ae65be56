package dev.faultline.orchestrator.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API as a whole, for its OpenAPI description ({@code /q/openapi}, Swagger UI at {@code /q/swagger-ui}): every
 * operation needs a bearer token from the tokens file (see docs/security.md); the role each needs is in its
 * description and AuthFilter.
 */
@OpenAPIDefinition(
        info = @Info(title = "Faultline orchestrator API", version = "v1",
                description = "Start chaos experiments, follow runs and their history, halt everything. Every"
                        + " operation needs Authorization: Bearer <token> (docs/security.md): reading needs the viewer"
                        + " role, starting runs, dry runs, halting, resuming and changing schedules need operator."),
        security = @SecurityRequirement(name = OrchestratorApi.BEARER))
@SecurityScheme(securitySchemeName = OrchestratorApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token of the orchestrator's tokens file (faultline.auth.tokens-file); the local stack's admin"
                + " token is .faultline/auth/admin.token")
public class OrchestratorApi extends Application {

    static final String BEARER = "bearer";
}

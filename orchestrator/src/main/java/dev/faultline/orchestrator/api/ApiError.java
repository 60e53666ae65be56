package dev.faultline.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.common.validation.Violation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every error answer: what went wrong, per field where that applies, and never a stack trace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @Schema(description = "what went wrong, in words") String error,
        @Schema(description = "per field, for an invalid experiment or request") List<Violation> violations,
        @Schema(description = "for a 500: find it in the orchestrator's log") String reference) {

    /** The 401 every resource may answer (AuthFilter), in the OpenAPI description. */
    public static final String UNAUTHENTICATED = "No valid bearer token (Authorization: Bearer <token>)";
    /** The 403 every resource may answer (AuthFilter), in the OpenAPI description. */
    public static final String FORBIDDEN = "The token's role does not allow this (viewer < operator < admin)";

    public static ApiError of(String error) {
        return new ApiError(error, null, null);
    }

    public static ApiError of(String error, List<Violation> violations) {
        return new ApiError(error, violations, null);
    }
}

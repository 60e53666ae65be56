package dev.faultline.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.common.validation.Violation;
import java.util.List;

/** The body of every error answer: what went wrong, per field where that applies, and never a stack trace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, List<Violation> violations, String reference) {

    public static ApiError of(String error) {
        return new ApiError(error, null, null);
    }

    public static ApiError of(String error, List<Violation> violations) {
        return new ApiError(error, violations, null);
    }
}

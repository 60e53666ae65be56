package dev.faultline.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A refusal as the server words it: its {@code {"error": ..., "violations": [{field, message}]}} body (the
 * orchestrator's ApiError, the reporter's error), or the raw body when it is not that JSON.
 *
 * @param violations one line per field, {@code field: message}, as the server's parser words them
 */
public record ApiRefusal(int status, String error, List<String> violations) {

    public static ApiRefusal of(int status, String body) {
        try {
            JsonNode json = ChaosJson.messages().readTree(body);
            if (json != null && json.hasNonNull("error")) {
                List<String> violations = new ArrayList<>();
                json.path("violations").forEach(v -> violations.add(
                        v.path("field").asText("?") + ": " + v.path("message").asText("")));
                return new ApiRefusal(status, json.get("error").asText(), violations);
            }
        } catch (Exception notJson) {
            // A proxy's or a servlet's page rather than Faultline's JSON: shown as it is, shortened.
        }
        String text = body == null ? "" : body.strip();
        return new ApiRefusal(status, text.isEmpty() ? "(no body)" : text.length() > 300 ? text.substring(0, 300)
                + "…" : text, List.of());
    }
}

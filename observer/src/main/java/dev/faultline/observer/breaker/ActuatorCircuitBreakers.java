package dev.faultline.observer.breaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.observer.metrics.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spring Boot Actuator's {@code /actuator/circuitbreakers} (resilience4j-spring-boot) read as the series its
 * Micrometer metrics would give: {@code {"circuitBreakers":{"backendA":{"state":"OPEN",...}}}} becomes
 * {@code resilience4j_circuitbreaker_state{name="backendA",state="open"} 1}, so the Resilience4j preset and discovery
 * read either endpoint the same way. Older versions list only the names (no state): they give no series.
 */
public final class ActuatorCircuitBreakers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActuatorCircuitBreakers() {
    }

    /** Whether a metrics answer is this JSON rather than the exposition format. */
    public static boolean isJson(String body) {
        return body.stripLeading().startsWith("{");
    }

    public static List<Series> series(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not the JSON of /actuator/circuitbreakers: " + e.getOriginalMessage());
        }
        List<Series> series = new ArrayList<>();
        JsonNode breakers = root.path("circuitBreakers");
        breakers.fields().forEachRemaining(e -> {
            JsonNode state = e.getValue().path("state");
            if (state.isTextual()) {
                series.add(new Series(BreakerLibrary.RESILIENCE4J.metric(), Map.of("name", e.getKey(),
                        "state", state.asText().toLowerCase(Locale.ROOT)), 1.0));
            }
        });
        return series;
    }
}

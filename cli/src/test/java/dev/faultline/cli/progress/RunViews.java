package dev.faultline.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import java.io.InputStream;
import java.time.Instant;

/** The RunView JSON fixtures under src/test/resources/runviews: one demo-container-kill run, poll by poll. */
public final class RunViews {

    public static final Instant DURING_WARM_UP = Instant.parse("2026-12-01T13:22:03.600Z");
    public static final Instant AFTER_INJECTION = Instant.parse("2026-12-01T13:22:07.600Z");

    private RunViews() {
    }

    public static JsonNode json(String name) {
        try (InputStream in = RunViews.class.getResourceAsStream("/runviews/" + name + ".json")) {
            return ChaosJson.messages().readTree(in);
        } catch (Exception e) {
            throw new AssertionError("fixture " + name, e);
        }
    }

    public static String text(String name) {
        return json(name).toString();
    }

    public static RunSnapshot snapshot(String name, Instant now) {
        return RunSnapshot.of(json(name), now);
    }
}

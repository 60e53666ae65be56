package dev.faultline.observer.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.experiment.LoadTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Pure functions that turn an experiment's {@code load:} section into an Artillery command line: the arguments
 * (never a shell string), the environment, the script for {@code url:} load, and the overrides that switch on
 * Faultline's plugin ({@code deploy/artillery/plugins/artillery-plugin-faultline}), which appends one line per
 * response to the run's {@link LoadResultsFile}.
 */
public final class ArtilleryCommand {

    /** Seconds after which an unanswered request counts as failed (status 0). */
    static final int REQUEST_TIMEOUT_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtilleryCommand() {
    }

    /** {@code artillery run --output <report> --overrides <json> <script>}. */
    public static List<String> arguments(Path artillery, Path script, Path reportFile, String overrides) {
        return List.of(artillery.toString(), "run", "--output", reportFile.toString(), "--overrides", overrides,
                script.toString());
    }

    /**
     * Where Artillery finds Faultline's plugin, and no telemetry: the load test talks to the system under test
     * only.
     */
    public static Map<String, String> environment(Path pluginDir) {
        return Map.of("ARTILLERY_PLUGIN_PATH", pluginDir.toString(), "ARTILLERY_DISABLE_TELEMETRY", "true");
    }

    /** {@code {"config":{"plugins":{"faultline":{"responsesFile":...,"orderIdField":...}}}}}, merged into any script. */
    public static String overrides(Path responsesFile, String orderIdField) {
        return overrides(responsesFile, null, orderIdField);
    }

    /**
     * As {@link #overrides(Path, String)}, and with an order id field also {@code writesFile}: where the plugin
     * records each acknowledged write's sent and acknowledged bodies, for the observer's content read-back.
     */
    public static String overrides(Path responsesFile, Path writesFile, String orderIdField) {
        ObjectNode faultline = JSON.createObjectNode().put("responsesFile", responsesFile.toString());
        if (orderIdField != null) {
            faultline.put("orderIdField", orderIdField);
            if (writesFile != null) {
                faultline.put("writesFile", writesFile.toString());
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("config").putObject("plugins").set("faultline", faultline);
        return root.toString();
    }

    /**
     * The Artillery script (JSON, which Artillery reads as YAML) for {@code url:} load: {@code arrivalRate} new
     * virtual users per second for {@code duration} (whole seconds, at least 1), each sending one request.
     */
    public static String generatedScript(LoadTest load, Duration duration) {
        if (load.url() == null) {
            throw new IllegalArgumentException("only url load has a generated script");
        }
        URI url = URI.create(load.url());
        ObjectNode root = JSON.createObjectNode();
        ObjectNode config = root.putObject("config");
        config.put("target", url.getScheme() + "://" + url.getRawAuthority());
        config.putArray("phases").addObject()
                .put("name", "faultline")
                .put("duration", Math.max(1, (duration.toMillis() + 999) / 1000))
                .put("arrivalRate", load.arrivalRate());
        config.putObject("http").put("timeout", REQUEST_TIMEOUT_SECONDS);
        ArrayNode flow = root.putArray("scenarios").addObject().put("name", "faultline-load").putArray("flow");
        ObjectNode request = flow.addObject().putObject(load.method().toLowerCase(java.util.Locale.ROOT));
        request.put("url", load.url());
        if (load.body() != null) {
            request.putObject("headers").put("Content-Type", "application/json");
            request.put("body", load.body());
        }
        return root.toString();
    }
}

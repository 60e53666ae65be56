package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/**
 * Load that runs alongside the faults ({@code load:}), with Artillery on the observer's host (the observer starts it
 * when it learns of the run): either an Artillery script of the user's, or a constant arrival rate of GETs (or POSTs)
 * to one URL. Either way Faultline adds its own plugin, which records every response (time, status, latency, order
 * id) for the observer.
 *
 * @param script      path of an Artillery script (YAML or JSON) on the observer's host; or else
 * @param url         the URL each virtual user requests
 * @param method      GET (default) or POST
 * @param body        JSON body of each POST
 * @param arrivalRate new virtual users (one request each) per second
 * @param duration    how long load runs; default: warm-up plus the experiment's duration
 * @param orderIdField when set, the field of a JSON answer that carries the id of the write it acknowledged; the
 *                     ids of 2xx answers are checked by the data-integrity step
 * @param successStatus the statuses that count as success for every request of the load; default 2xx and 3xx
 */
public record LoadTest(String script, String url, String method, String body, Integer arrivalRate,
        Duration duration, String orderIdField, SuccessStatus successStatus) {

    /** The file types Artillery reads a script from. */
    private static final java.util.regex.Pattern ARTILLERY_SCRIPT =
            java.util.regex.Pattern.compile("\\S.*\\.(?i:ya?ml|json)");

    public LoadTest {
        method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        successStatus = successStatus == null ? SuccessStatus.DEFAULT : successStatus;
        Checks.start()
                .require((script == null) != (url == null), "script", "give an Artillery script or a url, not both")
                // Only its form can be checked here: the file is read on the observer's host, not where this is parsed.
                .require(script == null || ARTILLERY_SCRIPT.matcher(script).matches(), "script",
                        "must be the path of an Artillery script (.yml, .yaml or .json) on the observer's host")
                .require(url == null || HttpProbe.isHttpUrl(url), "url", "must be an absolute http:// or https:// URL")
                .require(url == null || arrivalRate != null, "arrivalRate", "is required with url")
                .inRange(arrivalRate, 1, 10_000, "arrivalRate")
                .require("GET".equals(method) || "POST".equals(method), "method", "must be GET or POST")
                .positive(duration, "duration")
                .throwIfAny();
    }

    /** A load whose successes are 2xx and 3xx, as experiments were written before successStatus existed. */
    public LoadTest(String script, String url, String method, String body, Integer arrivalRate, Duration duration,
            String orderIdField) {
        this(script, url, method, body, arrivalRate, duration, orderIdField, null);
    }
}

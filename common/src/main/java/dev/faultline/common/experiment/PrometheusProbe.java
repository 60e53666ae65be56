package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A condition on one series of a target's Prometheus metrics ({@code type: prometheus}): the observer fetches the
 * exposition text from {@code url} and compares the series' value, for example
 * {@code ft_circuitbreaker_state_current{state="open"} == 0}. Up when the condition holds; a missing series or an
 * unreachable endpoint is down.
 *
 * @param query {@code metric{label="value",...} OP number} with OP one of {@code == != < <= > >=}
 */
public record PrometheusProbe(String name, String url, String query, Duration interval, Duration timeout)
        implements Probe {

    /** The accepted form of {@code query}; the observer parses it with the same grammar. */
    public static final Pattern QUERY = Pattern.compile(
            "\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*\\})?\\s*(==|!=|<=|>=|<|>)\\s*([-+]?[0-9.eE+-]+|NaN|[+-]?Inf)\\s*");

    public PrometheusProbe {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        Checks.start()
                .notBlank(name, "name")
                .notBlank(url, "url")
                .require(url == null || HttpProbe.isHttpUrl(url), "url", "must be an absolute http:// or https:// URL, was '" + url + "'")
                .notBlank(query, "query")
                .require(query == null || QUERY.matcher(query).matches(), "query",
                        "must be 'metric{label=\"value\"} OP number' with OP one of == != < <= > >=, was '" + query + "'")
                .require(interval.compareTo(MIN_INTERVAL) >= 0, "interval", "must be at least 50ms")
                .positive(timeout, "timeout")
                .throwIfAny();
    }

    @Override
    public String describe() {
        return "Prometheus metrics at " + url + " where " + query.trim();
    }
}

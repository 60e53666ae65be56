package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.net.URI;
import java.time.Duration;

/**
 * An HTTP GET whose answer tells whether the system is up.
 *
 * @param interval time between two probes; also the resolution of every time measured from them
 * @param timeout  a probe that has no answer by then counts as failed
 */
public record HttpProbe(String name, String url, Integer expectedStatus, Duration interval, Duration timeout) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    public static final Duration MIN_INTERVAL = Duration.ofMillis(50);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public HttpProbe {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        expectedStatus = expectedStatus == null ? 200 : expectedStatus;
        Checks.start()
                .notBlank(name, "name")
                .notBlank(url, "url")
                .require(url == null || isHttpUrl(url), "url", "must be an absolute http:// or https:// URL, was '" + url + "'")
                .inRange(expectedStatus, 100, 599, "expectedStatus")
                .require(interval.compareTo(MIN_INTERVAL) >= 0, "interval", "must be at least 50ms")
                .positive(timeout, "timeout")
                .throwIfAny();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

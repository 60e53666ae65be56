package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import dev.faultline.common.validation.DurationText;
import java.net.URI;
import java.time.Duration;

/**
 * An HTTP GET whose answer tells whether the system is up (the default probe {@code type: http}).
 *
 * @param expectedStatus shorthand for {@code successStatus: [N]}, as experiments were written before
 *                     {@code successStatus} existed; null when not given
 * @param interval     time between two probes; also the resolution of every time measured from them
 * @param timeout      a probe that has no answer by then counts as failed
 * @param bodyContains when set, an answer whose body does not contain this text counts as failed
 * @param maxLatency   when set, an answer slower than this counts as failed (a slow service is not up)
 * @param successStatus the statuses that count as success, every other one fails the probe; default
 *                     {@code expectedStatus} alone when that is given, else 2xx and 3xx
 * @param degraded     when set, successful answers are also compared with the steady state's (body shape, latency)
 *                     and counted as degraded apart from failed; null (the default) when not
 */
public record HttpProbe(String name, String url, Integer expectedStatus, Duration interval, Duration timeout,
        String bodyContains, Duration maxLatency, SuccessStatus successStatus, DegradedCheck degraded)
        implements Probe {

    public HttpProbe {
        degraded = degraded == null || degraded.off() ? null : degraded;
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        boolean statusInRange = expectedStatus == null || (expectedStatus >= 100 && expectedStatus <= 599);
        // Both appear together when a probe written with expectedStatus is read back from the contract's JSON.
        boolean statusesAgree = expectedStatus == null || successStatus == null || !statusInRange
                || successStatus.equals(SuccessStatus.only(expectedStatus));
        if (successStatus == null) {
            successStatus = expectedStatus != null && statusInRange ? SuccessStatus.only(expectedStatus)
                    : SuccessStatus.DEFAULT;
        }
        Checks.start()
                .notBlank(name, "name")
                .notBlank(url, "url")
                .require(url == null || isHttpUrl(url), "url", "must be an absolute http:// or https:// URL, was '" + url + "'")
                .inRange(expectedStatus, 100, 599, "expectedStatus")
                .require(statusesAgree, "successStatus", "give expectedStatus or successStatus, not both"
                        + " (expectedStatus: N is short for successStatus: [N])")
                .require(interval.compareTo(MIN_INTERVAL) >= 0, "interval", "must be at least 50ms")
                .positive(timeout, "timeout")
                .require(bodyContains == null || !bodyContains.isEmpty(), "bodyContains", "must not be empty")
                .positive(maxLatency, "maxLatency")
                // An answer slower than maxLatency has failed, one slower than the timeout never came: neither can be
                // merely degraded, so a bound at or above them would never count anything.
                .require(degraded == null || degraded.latencyAbove() == null || maxLatency == null
                        || degraded.latencyAbove().compareTo(maxLatency) < 0, "degraded.latencyAbove",
                        "must be below maxLatency (a slower answer fails the probe)")
                .require(degraded == null || degraded.latencyAbove() == null
                        || degraded.latencyAbove().compareTo(timeout) < 0, "degraded.latencyAbove",
                        "must be below timeout (a slower probe has no answer)")
                .throwIfAny();
    }

    /** A probe without degraded answers, as experiments were written before they existed. */
    public HttpProbe(String name, String url, Integer expectedStatus, Duration interval, Duration timeout,
            String bodyContains, Duration maxLatency, SuccessStatus successStatus) {
        this(name, url, expectedStatus, interval, timeout, bodyContains, maxLatency, successStatus, null);
    }

    /** A probe with one expected status, as experiments were written before successStatus existed. */
    public HttpProbe(String name, String url, Integer expectedStatus, Duration interval, Duration timeout,
            String bodyContains, Duration maxLatency) {
        this(name, url, expectedStatus, interval, timeout, bodyContains, maxLatency, null);
    }

    /** A status-only probe, as experiments were written before body and latency checks existed. */
    public HttpProbe(String name, String url, Integer expectedStatus, Duration interval, Duration timeout) {
        this(name, url, expectedStatus, interval, timeout, null, null);
    }

    @Override
    public String describe() {
        return "HTTP GET " + url + " expecting " + successStatus.describe()
                + (bodyContains == null ? "" : " with body containing '" + bodyContains + "'")
                + (maxLatency == null ? "" : " within " + DurationText.format(maxLatency))
                + (degraded == null ? "" : "; degraded when " + degraded.describe());
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

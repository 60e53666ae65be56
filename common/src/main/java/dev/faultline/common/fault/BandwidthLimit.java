package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import dev.faultline.common.validation.DurationText;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Limit what the target sends on one interface to a rate (a token bucket). Only the target's egress is limited:
 * the answers it serves and the requests it makes. Ingress shaping would need tc's police or mirred actions,
 * which not every kernel has (this project's build machine has neither).
 *
 * @param rate    e.g. {@code 512kbit}, {@code 2mbit}, {@code 1mbps}: {@code bit}, {@code kbit}, {@code mbit},
 *                {@code gbit} in bits and {@code bps}, {@code kbps}, {@code mbps} in bytes per second, k = 1000
 * @param burst   bytes that may leave at once above the rate; default the larger of 16 KiB and 50 ms at the rate
 * @param latency how long a packet may wait in the bucket's queue before it is dropped; default 50ms
 * @param device  the interface inside the target's network namespace; default {@code eth0}
 */
@JsonTypeName("bandwidth-limit")
public record BandwidthLimit(String rate, Integer burst, Duration latency, String device) implements FaultSpec {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(bit|kbit|mbit|gbit|bps|kbps|mbps)");
    private static final Pattern DEVICE = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");
    /** Below this, a token bucket cannot pass a full-size packet in a reasonable time. */
    public static final long MIN_BITS_PER_SECOND = 8_000;
    public static final long MAX_BITS_PER_SECOND = 100_000_000_000L;

    public BandwidthLimit {
        rate = rate == null ? null : rate.trim().toLowerCase(Locale.ROOT);
        latency = latency == null ? Duration.ofMillis(50) : latency;
        device = device == null || device.isBlank() ? "eth0" : device;
        long bits = bitsPerSecond(rate);
        Checks.start()
                .notBlank(rate, "rate")
                .require(rate == null || rate.isBlank() || bits > 0, "rate",
                        "must be a number and a unit (bit, kbit, mbit, gbit, bps, kbps, mbps), e.g. 2mbit, was " + rate)
                .require(bits <= 0 || (bits >= MIN_BITS_PER_SECOND && bits <= MAX_BITS_PER_SECOND), "rate",
                        "must be between 8kbit and 100gbit, was " + rate)
                .require(burst == null || (burst >= 1500 && burst <= 64 * 1024 * 1024), "burst",
                        "must be between 1500 bytes (one packet) and 64 MiB, was " + burst)
                .positive(latency, "latency")
                .require(latency.compareTo(Duration.ofSeconds(10)) <= 0, "latency",
                        "must be at most 10s, was " + DurationText.format(latency))
                .require(DEVICE.matcher(device).matches(), "device", "must be an interface name, was " + device)
                .throwIfAny();
        burst = burst == null ? (int) Math.max(16 * 1024, bits / 8 / 20) : burst;
    }

    public static BandwidthLimit of(String rate) {
        return new BandwidthLimit(rate, null, null, null);
    }

    /** The rate in bits per second. */
    public long rateBitsPerSecond() {
        return bitsPerSecond(rate);
    }

    /** Bits per second of a rate text, or -1 when it is not one. */
    static long bitsPerSecond(String rate) {
        if (rate == null) {
            return -1;
        }
        Matcher m = RATE.matcher(rate);
        if (!m.matches()) {
            return -1;
        }
        double n = Double.parseDouble(m.group(1));
        double factor = switch (m.group(2)) {
            case "bit" -> 1;
            case "kbit" -> 1e3;
            case "mbit" -> 1e6;
            case "gbit" -> 1e9;
            case "bps" -> 8;
            case "kbps" -> 8e3;
            case "mbps" -> 8e6;
            default -> -1;
        };
        return Math.round(n * factor);
    }

    @Override
    public boolean lasting() {
        return true;
    }
}

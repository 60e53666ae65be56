package dev.faultline.agent.fault.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Arguments of {@code tc} for a fault's root qdisc, built here so that they are checked and unit-tested. The
 * qdisc's handle is derived from the fault id, so revert deletes the qdisc only when it is still the fault's own.
 */
public final class TcCommand {

    private static final Pattern DEVICE = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");

    private TcCommand() {
    }

    /**
     * The qdisc handle major of a fault, as tc prints it (lower-case hex, no leading zeros): four hex digits in
     * 1000..efff, clear of 0 (unset), ffff (ingress) and the small numbers people pick by hand.
     */
    public static String handleFor(String faultId) {
        if (faultId == null || faultId.isBlank()) {
            throw new IllegalArgumentException("a fault id is required");
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(faultId.getBytes(StandardCharsets.UTF_8));
            int n = ((d[0] & 0xff) << 8 | (d[1] & 0xff)) % 0xe000 + 0x1000;
            return Integer.toHexString(n);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * {@code tc qdisc add dev D root handle H: tbf rate R burst B latency L}. {@code add}, not {@code replace}: a
     * device that already has a root qdisc (another fault, the container's own shaping) is refused, not clobbered.
     */
    public static List<String> addTokenBucket(String device, String handle, long rateBitsPerSecond, int burstBytes,
            Duration latency) {
        checkDevice(device);
        checkHandle(handle);
        if (rateBitsPerSecond <= 0 || burstBytes <= 0 || latency == null || latency.isNegative() || latency.isZero()) {
            throw new IllegalArgumentException("rate, burst and latency must be positive");
        }
        return List.of("tc", "qdisc", "add", "dev", device, "root", "handle", handle + ":", "tbf",
                "rate", rateBitsPerSecond + "bit", "burst", Integer.toString(burstBytes),
                "latency", latency.toMillis() + "ms");
    }

    public static List<String> show(String device) {
        checkDevice(device);
        return List.of("tc", "qdisc", "show", "dev", device);
    }

    public static List<String> showAll() {
        return List.of("tc", "qdisc", "show");
    }

    public static List<String> deleteRoot(String device, String handle) {
        checkDevice(device);
        checkHandle(handle);
        return List.of("tc", "qdisc", "del", "dev", device, "root", "handle", handle + ":");
    }

    public static List<String> version() {
        return List.of("tc", "-V");
    }

    /** The kind of the root qdisc whose handle is {@code handle} in {@code tc qdisc show} output, if any. */
    public static Optional<String> rootKindWithHandle(String showOutput, String handle) {
        Pattern line = Pattern.compile("^qdisc (\\S+) " + Pattern.quote(handle) + ": root\\b.*$", Pattern.MULTILINE);
        var m = line.matcher(showOutput);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static void checkDevice(String device) {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("not an interface name: " + device);
        }
    }

    private static void checkHandle(String handle) {
        if (handle == null || !handle.matches("[0-9a-f]{1,4}")) {
            throw new IllegalArgumentException("a qdisc handle major is 1 to 4 hex digits, was " + handle);
        }
    }
}

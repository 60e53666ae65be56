package dev.faultline.agent.fault.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The iptables names of one fault: its own chains (jumped to from INPUT and OUTPUT) and the comment on every rule
 * it adds, both derived from the fault id so that revert finds exactly its rules and nothing else.
 *
 * @param faultId the fault these chains belong to
 */
public record FaultChains(String faultId) {

    /** iptables refuses chain names above 28 characters; FAULTLINE-&lt;10 hex&gt;-OUT is 24. */
    static final String PREFIX = "FAULTLINE-";
    static final String TAG_PREFIX = "faultline:";

    public FaultChains {
        if (faultId == null || faultId.isBlank() || faultId.length() > 200
                || !faultId.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException(
                    "a fault id must be 1 to 200 printable ASCII characters without spaces, was " + faultId);
        }
    }

    /** The comment every rule of this fault carries: {@code faultline:<faultId>}. */
    public String tag() {
        return TAG_PREFIX + faultId;
    }

    public String chain(Hook hook) {
        return PREFIX + shortId() + "-" + hook.suffix();
    }

    /** Ten hex digits of the fault id's SHA-256: fault ids are longer than a chain name may be. */
    String shortId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(faultId.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 5).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The built-in chains a fault's own chains hang from. */
    public enum Hook {
        /** Packets arriving for the target. */
        INPUT("IN"),
        /** Packets the target sends. */
        OUTPUT("OUT");

        private final String suffix;

        Hook(String suffix) {
            this.suffix = suffix;
        }

        String suffix() {
            return suffix;
        }
    }
}

package dev.faultline.common.fault;

import dev.faultline.common.validation.Checks;
import java.util.regex.Pattern;

/** The checks shared by faults that act on a dependency endpoint ({@code host} and {@code port}). */
final class Endpoints {

    /** An IPv4 literal or a DNS name: nothing that could be read as an option or a shell word. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private Endpoints() {
    }

    static Checks check(Checks checks, String host, int port) {
        checks.notBlank(host, "host");
        if (host != null && !host.isBlank()) {
            checks.require(HOST.matcher(host).matches(), "host", "must be an IPv4 address or a DNS name, was " + host);
        }
        return checks.inRange(port, 1, 65535, "port");
    }
}

package dev.faultline.agent.proxy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A namespace's IPv4 default route, from {@code ip -4 route show default}: for a container on a Docker bridge the
 * gateway is the bridge's address on the host, where a host-side proxy can listen and the container can reach it.
 */
public record DefaultRoute(Inet4Address gateway, String device) {

    private static final Pattern ROUTE = Pattern.compile(
            "^default via (\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}) dev ([A-Za-z0-9@._-]+)");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9._-]{1,15}");

    public DefaultRoute {
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("not a network device name: " + device);
        }
    }

    /** @throws IllegalStateException when the output has no IPv4 default route (network none, host-only) */
    public static DefaultRoute parse(String ipRouteOutput) {
        for (String line : ipRouteOutput.split("\n")) {
            Matcher m = ROUTE.matcher(line.strip());
            if (m.find()) {
                String device = m.group(2);
                int at = device.indexOf('@');
                try {
                    return new DefaultRoute((Inet4Address) InetAddress.getByName(m.group(1)),
                            at > 0 ? device.substring(0, at) : device);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("bad gateway address in: " + line, e);
                }
            }
        }
        throw new IllegalStateException("the target's network namespace has no IPv4 default route ("
                + (ipRouteOutput.isBlank() ? "empty routing table" : ipRouteOutput.strip())
                + "), so there is no host address it can reach a proxy on");
    }
}

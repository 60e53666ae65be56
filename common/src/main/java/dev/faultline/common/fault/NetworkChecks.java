package dev.faultline.common.fault;

import dev.faultline.common.validation.Checks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation shared by the network fault specs: peers are container names, IPv4 addresses or CIDRs, and ports.
 * Values are checked strictly because they end up as iptables arguments.
 */
public final class NetworkChecks {

    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/(\\d{1,2}))?");

    private NetworkChecks() {
    }

    /** A list field that may be absent: {@code null} becomes empty. */
    public static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    public static void containers(Checks checks, List<String> names, String field) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            checks.require(name != null && CONTAINER_NAME.matcher(name).matches(), field + "[" + i + "]",
                    "must be a container name (letters, digits, _ . -), was " + name);
        }
    }

    public static void cidrs(Checks checks, List<String> cidrs, String field) {
        for (int i = 0; i < cidrs.size(); i++) {
            checks.require(isIpv4Cidr(cidrs.get(i)), field + "[" + i + "]",
                    "must be an IPv4 address or CIDR such as 10.0.0.0/8, was " + cidrs.get(i));
        }
    }

    public static void ports(Checks checks, List<Integer> ports, String field) {
        for (int i = 0; i < ports.size(); i++) {
            Integer port = ports.get(i);
            checks.require(port != null && port >= 1 && port <= 65535, field + "[" + i + "]",
                    "must be a port between 1 and 65535, was " + port);
        }
    }

    public static boolean isIpv4Cidr(String value) {
        if (value == null) {
            return false;
        }
        var m = IPV4_CIDR.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return false;
            }
        }
        return m.group(6) == null || Integer.parseInt(m.group(6)) <= 32;
    }

    public static boolean isContainerName(String value) {
        return value != null && CONTAINER_NAME.matcher(value).matches();
    }
}

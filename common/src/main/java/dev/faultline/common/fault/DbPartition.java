package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cut the target off from one database endpoint: everything the endpoint sends to the target is dropped, so new
 * connections and queries on open ones time out, as when the database's network goes silent.
 *
 * @param endpoint {@code host:port}, where host is an IPv4 address or a container on the target's host
 */
@JsonTypeName("db-partition")
public record DbPartition(String endpoint) implements FaultSpec {

    private static final Pattern HOST_PORT = Pattern.compile("([^:\\s]+):(\\d{1,5})");

    public DbPartition {
        endpoint = endpoint == null ? null : endpoint.trim();
        Matcher m = endpoint == null ? null : HOST_PORT.matcher(endpoint);
        boolean shaped = m != null && m.matches();
        Checks.start()
                .notBlank(endpoint, "endpoint")
                .require(endpoint == null || endpoint.isBlank() || (shaped
                                && (NetworkChecks.isIpv4Cidr(m.group(1)) && !m.group(1).contains("/")
                                        || NetworkChecks.isContainerName(m.group(1)))
                                && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 65535),
                        "endpoint", "must be host:port with an IPv4 address or container name and a port 1-65535, was "
                                + endpoint)
                .throwIfAny();
    }

    public String host() {
        return endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    public int port() {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** Whether {@link #host()} is an address rather than a container name. */
    public boolean hostIsAddress() {
        return NetworkChecks.isIpv4Cidr(host());
    }

    @Override
    public boolean lasting() {
        return true;
    }
}

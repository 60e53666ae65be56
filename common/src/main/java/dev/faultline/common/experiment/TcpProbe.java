package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;

/** A TCP connect to {@code host:port} ({@code type: tcp}): up when the connection is accepted within the timeout. */
public record TcpProbe(String name, String host, Integer port, Duration interval, Duration timeout) implements Probe {

    public TcpProbe {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        Checks.start()
                .notBlank(name, "name")
                .notBlank(host, "host")
                .notNull(port, "port")
                .inRange(port, 1, 65535, "port")
                .require(interval.compareTo(MIN_INTERVAL) >= 0, "interval", "must be at least 50ms")
                .positive(timeout, "timeout")
                .throwIfAny();
    }

    @Override
    public String describe() {
        return "TCP connect to " + host + ":" + port;
    }
}

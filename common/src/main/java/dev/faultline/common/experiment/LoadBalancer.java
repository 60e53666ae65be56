package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.util.Map;

/**
 * The HAProxy in front of the targets ({@code loadBalancer:}), so the timeline can say when it routed traffic away
 * from a target: the stats CSV ({@code statsUrl}, e.g. {@code http://127.0.0.1:8404/stats;csv}) reports the
 * target's server DOWN or its session count stops growing.
 *
 * @param servers container name of a target -> HAProxy server name in {@code backend}
 */
public record LoadBalancer(String statsUrl, String backend, Map<String, String> servers) {

    public LoadBalancer {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        Checks.start()
                .notBlank(statsUrl, "statsUrl")
                .require(statsUrl == null || HttpProbe.isHttpUrl(statsUrl), "statsUrl", "must be an absolute http:// URL")
                .notBlank(backend, "backend")
                .require(!servers.isEmpty(), "servers", "must map at least one target container to its server")
                .throwIfAny();
    }
}

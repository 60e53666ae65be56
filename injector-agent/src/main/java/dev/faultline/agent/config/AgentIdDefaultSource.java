package dev.faultline.agent.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code faultline.agent.id = <host name>} at the lowest priority, so that application.properties, the
 * environment ({@code FAULTLINE_AGENT_ID}) and system properties all override it. Registered through
 * {@code META-INF/services}.
 */
public final class AgentIdDefaultSource implements ConfigSource {

    static final String AGENT_ID = "faultline.agent.id";

    private final Map<String, String> values = Map.of(AGENT_ID, HostName.current());

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "faultline-agent-id-default";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}

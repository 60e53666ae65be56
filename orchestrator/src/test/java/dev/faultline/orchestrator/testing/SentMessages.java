package dev.faultline.orchestrator.testing;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.json.ChaosJson;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.List;

/** What the orchestrator sent on an in-memory channel, read back as the contract's records. */
public final class SentMessages {

    private SentMessages() {
    }

    /** The commands on {@code commands}, each checked against the test's signing key. */
    public static List<ChaosCommand> commands(InMemoryConnector connector) {
        return connector.<String>sink("commands").received().stream()
                .map(m -> TestSecurity.verifiedCommand(m.getPayload())).toList();
    }

    /** Every message on {@code channel}, parsed as {@code type}. */
    public static <T> List<T> read(InMemoryConnector connector, String channel, Class<T> type) {
        return connector.<String>sink(channel).received().stream().map(m -> {
            try {
                return ChaosJson.read(m.getPayload(), type);
            } catch (Exception e) {
                throw new AssertionError("not a " + type.getSimpleName() + " on " + channel + ": " + m.getPayload(), e);
            }
        }).toList();
    }
}

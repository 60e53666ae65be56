package dev.faultline.reporter;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.verdict.VerdictMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * The Jackson type names of the contract's messages ({@code fault-injected}, {@code run-verdict}, ...), read from
 * the contract's own annotations so that stored items and reports use exactly the names on the wire.
 */
public final class MessageTypes {

    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        register(ChaosEvent.class);
        register(VerdictMessage.class);
    }

    private MessageTypes() {
    }

    public static String nameOf(Object message) {
        String name = NAMES.get(message.getClass());
        if (name == null) {
            throw new IllegalArgumentException(message.getClass() + " is not a registered message type");
        }
        return name;
    }

    private static void register(Class<?> family) {
        for (JsonSubTypes.Type type : family.getAnnotation(JsonSubTypes.class).value()) {
            NAMES.put(type.value(), type.name());
        }
    }
}

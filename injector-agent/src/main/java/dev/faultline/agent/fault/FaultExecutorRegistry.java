package dev.faultline.agent.fault;

import dev.faultline.common.fault.FaultSpec;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every {@link FaultExecutor} bean, by fault type name. Two executors for one type is a build mistake. */
@ApplicationScoped
public class FaultExecutorRegistry {

    private final Map<String, FaultExecutor<?>> byType;

    @Inject
    public FaultExecutorRegistry(@All List<FaultExecutor<?>> executors) {
        Map<String, FaultExecutor<?>> map = new HashMap<>();
        for (FaultExecutor<?> executor : executors) {
            String type = FaultSpec.typeOf(executor.specType());
            FaultExecutor<?> previous = map.put(type, executor);
            if (previous != null) {
                throw new IllegalStateException("two executors for fault type " + type + ": "
                        + previous.getClass().getName() + " and " + executor.getClass().getName());
            }
        }
        this.byType = Map.copyOf(map);
    }

    public Optional<FaultExecutor<?>> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public boolean supports(String type) {
        return byType.containsKey(type);
    }

    /** Every fault type of the contract, sorted, whether this agent can execute it or not. */
    public static List<String> knownTypes() {
        return Arrays.stream(FaultSpec.class.getPermittedSubclasses())
                .map(c -> FaultSpec.typeOf(c.asSubclass(FaultSpec.class)))
                .sorted()
                .toList();
    }
}

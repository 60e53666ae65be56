package dev.faultline.agent.platform;

import dev.faultline.common.event.TargetState;
import java.util.Optional;

/**
 * Which Docker container actions say the target went down, came up or changed health. {@code kill} (a signal was
 * sent; the process may survive it) and {@code stop} (reported after the {@code die} it caused) carry no state of
 * their own: the {@code die} that follows a kill or stop is the instant the target was down.
 */
public final class DockerActions {

    private DockerActions() {
    }

    public static Optional<TargetState> stateOf(String action) {
        if (action == null) {
            return Optional.empty();
        }
        return switch (action.trim()) {
            case "die", "oom" -> Optional.of(TargetState.DOWN);
            case "start", "restart" -> Optional.of(TargetState.UP);
            case "health_status: healthy" -> Optional.of(TargetState.HEALTHY);
            case "health_status: unhealthy" -> Optional.of(TargetState.UNHEALTHY);
            default -> Optional.empty();
        };
    }
}

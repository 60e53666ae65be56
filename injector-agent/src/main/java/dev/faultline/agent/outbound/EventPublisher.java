package dev.faultline.agent.outbound;

import dev.faultline.common.event.ChaosEvent;

/** Where the agent reports what happened: {@code chaos-events}. */
public interface EventPublisher {

    /** Sends without waiting; a failure to deliver is logged, never thrown at the caller's fault handling. */
    void publish(ChaosEvent event);
}

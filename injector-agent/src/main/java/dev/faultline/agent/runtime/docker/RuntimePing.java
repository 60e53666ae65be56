package dev.faultline.agent.runtime.docker;

/** Whether the container runtime answers at all: the agent's readiness. */
public interface RuntimePing {

    /** Returns when the runtime answered; throws with the reason when it did not. */
    void ping();
}

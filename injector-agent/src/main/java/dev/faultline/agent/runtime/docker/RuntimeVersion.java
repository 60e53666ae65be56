package dev.faultline.agent.runtime.docker;

/** Which API the container runtime speaks, for the agent's capability report. */
public interface RuntimeVersion {

    /** e.g. {@code 1.41}; throws when the runtime does not answer. */
    String apiVersion();
}

package dev.faultline.agent.fault;

import java.time.Duration;

/** Runs a revert later. An interface so that tests can decide when "later" is. */
public interface RevertScheduler {

    Handle schedule(Duration delay, Runnable revert);

    /** A scheduled revert that has not run yet can be called off. */
    interface Handle {
        void cancel();
    }
}

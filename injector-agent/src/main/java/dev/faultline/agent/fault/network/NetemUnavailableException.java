package dev.faultline.agent.fault.network;

/** The host kernel has no {@code sch_netem}: tc cannot add delay, loss or jitter there. */
public class NetemUnavailableException extends RuntimeException {

    public NetemUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.faultline.agent.fault;

/**
 * This host cannot do what a fault needs (a missing tool, kernel module or iptables extension). The agent reports
 * it as {@code unsupported-on-host}, which a retry will not fix, unlike a runtime error.
 */
public class UnsupportedOnHostException extends RuntimeException {

    public UnsupportedOnHostException(String message) {
        super(message);
    }

    public UnsupportedOnHostException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.faultline.reporter.alert;

/**
 * A delivery attempt that did not reach its target, and whether trying again may help (a timeout, a 5xx, a 429)
 * or not (any other 4xx: a wrong URL, a refused signature, a missing topic).
 */
public class DeliveryFailure extends Exception {

    private final boolean retryable;

    public DeliveryFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public DeliveryFailure(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}

package dev.faultline.examples.shop.checkout.catalog;

/** A service checkout depends on did not answer usefully, and no fallback could stand in: the order cannot be placed now. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

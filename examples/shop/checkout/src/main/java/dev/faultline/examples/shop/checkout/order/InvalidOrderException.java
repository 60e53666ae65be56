package dev.faultline.examples.shop.checkout.order;

/** The request itself is wrong (answered 400); retrying it unchanged cannot help. */
public class InvalidOrderException extends RuntimeException {

    public InvalidOrderException(String message) {
        super(message);
    }
}

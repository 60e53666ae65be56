package dev.faultline.examples.shop.checkout.customer;

/** The user service answered that the user does not exist: a client error, never retried. */
public class UnknownUserException extends RuntimeException {

    public UnknownUserException(String userId) {
        super("no user " + userId);
    }
}

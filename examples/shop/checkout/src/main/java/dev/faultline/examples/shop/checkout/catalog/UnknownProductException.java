package dev.faultline.examples.shop.checkout.catalog;

/** The product service answered that the product does not exist: a client error, never retried. */
public class UnknownProductException extends RuntimeException {

    public UnknownProductException(String productId) {
        super("no product " + productId);
    }
}

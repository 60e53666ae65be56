package dev.faultline.examples.shop.checkout.customer;

/** A user as the user service describes them (only the fields checkout needs). */
public record Customer(String id, String name, String email) {
}

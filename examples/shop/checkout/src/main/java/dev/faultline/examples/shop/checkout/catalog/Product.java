package dev.faultline.examples.shop.checkout.catalog;

/** A product as the product service describes it (only the fields checkout needs). */
public record Product(String id, String name, long priceCents) {
}

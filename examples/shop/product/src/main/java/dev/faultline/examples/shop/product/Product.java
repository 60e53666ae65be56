package dev.faultline.examples.shop.product;

/** A product as the catalogue serves it. Prices are in cents so that totals stay exact. */
public record Product(String id, String name, long priceCents) {

    public Product {
        if (id == null || id.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a product needs an id and a name");
        }
        if (priceCents <= 0) {
            throw new IllegalArgumentException("priceCents: must be positive, was " + priceCents);
        }
    }
}

package dev.faultline.examples.shop.events;

/** One line of an order: a product, how many, and the unit price charged (in cents, to stay exact). */
public record OrderLine(String productId, int quantity, long unitPriceCents) {

    public OrderLine {
        if (productId == null || productId.isBlank()) {
            throw new IllegalArgumentException("productId: must not be blank");
        }
        if (quantity < 1 || quantity > 100) {
            throw new IllegalArgumentException("quantity: must be between 1 and 100, was " + quantity);
        }
        if (unitPriceCents < 0) {
            throw new IllegalArgumentException("unitPriceCents: must not be negative, was " + unitPriceCents);
        }
    }

    public long totalCents() {
        return unitPriceCents * quantity;
    }
}

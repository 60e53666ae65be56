package dev.faultline.examples.shop.checkout.order;

import java.util.List;

/** What a client asks for: who orders, and which products in which quantities. Validated on arrival. */
public record OrderRequest(String userId, List<Item> items) {

    public static final int MAX_ITEMS = 20;

    public OrderRequest {
        if (userId == null || userId.isBlank()) {
            throw new InvalidOrderException("userId: required");
        }
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidOrderException("items: between 1 and " + MAX_ITEMS + " items");
        }
        items = List.copyOf(items);
    }

    /** One requested product. */
    public record Item(String productId, int quantity) {

        public Item {
            if (productId == null || productId.isBlank()) {
                throw new InvalidOrderException("items[].productId: required");
            }
            if (quantity < 1 || quantity > 100) {
                throw new InvalidOrderException("items[].quantity: between 1 and 100, was " + quantity);
            }
        }
    }
}

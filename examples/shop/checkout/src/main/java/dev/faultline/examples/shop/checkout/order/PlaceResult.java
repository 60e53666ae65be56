package dev.faultline.examples.shop.checkout.order;

/** What became of a request to place an order. */
public sealed interface PlaceResult {

    /** This request placed the order. */
    record Created(Order order) implements PlaceResult {
    }

    /** A request with this key placed the order before; this one is a retry and gets the same answer. */
    record Replayed(Order order) implements PlaceResult {
    }

    /** The key was used before for a different order: refused, nothing stored. */
    record KeyReused(IdempotencyKey key) implements PlaceResult {
    }
}

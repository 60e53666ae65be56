package dev.faultline.examples.shop.checkout.order;

import java.util.regex.Pattern;

/**
 * The client's name for one order attempt ({@code Idempotency-Key} header): every retry of the same attempt carries
 * the same key, so the order is placed at most once however often the request arrives.
 */
public record IdempotencyKey(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");

    public IdempotencyKey {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new InvalidOrderException(
                    "Idempotency-Key: 8 to 128 characters of letters, digits and _ . : - (a UUID will do), was '"
                            + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

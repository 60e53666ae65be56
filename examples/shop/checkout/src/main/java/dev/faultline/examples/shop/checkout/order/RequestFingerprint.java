package dev.faultline.examples.shop.checkout.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;

/** A digest of what a request asks for, independent of the order of its items. */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(OrderRequest request) {
        StringBuilder canonical = new StringBuilder(request.userId());
        request.items().stream()
                .sorted(Comparator.comparing(OrderRequest.Item::productId).thenComparing(OrderRequest.Item::quantity))
                .forEach(item -> canonical.append('\n').append(item.productId()).append('x').append(item.quantity()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}

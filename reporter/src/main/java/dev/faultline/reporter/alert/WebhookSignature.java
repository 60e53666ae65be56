package dev.faultline.reporter.alert;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, so that a receiver knows Faultline sent it and that it is fresh:
 * {@code X-Faultline-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">} with the webhook's secret, and
 * {@code X-Faultline-Timestamp: <unix seconds>}. The timestamp is inside the signed content: a receiver that refuses
 * old timestamps (docs/alerts.md: five minutes) refuses a replayed request, whose timestamp it cannot change without
 * breaking the signature.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Faultline-Signature";
    public static final String TIMESTAMP_HEADER = "X-Faultline-Timestamp";
    static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** {@code sha256=<hex>} for the body sent at {@code epochSeconds}. */
    public static String sign(byte[] secret, long epochSeconds, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, signedContent(epochSeconds, body)));
    }

    /** What a receiver checks: the same signature, compared in constant time. */
    public static boolean verify(byte[] secret, long epochSeconds, String body, String header) {
        byte[] expected = sign(secret, epochSeconds, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] signedContent(long epochSeconds, String body) {
        return (epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is in every JDK, and any non-empty key is valid for it.
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}

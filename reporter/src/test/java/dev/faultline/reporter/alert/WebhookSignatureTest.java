package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] SECRET = "topsecret".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampADotAndTheBody() {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac topsecret
        assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("sha256=6a939b0c71853d606167625a15168ee9188c6a511c773ef4f42d307f3849e50f");
    }

    @Test
    void verifiesOnlyTheSameSecretTimestampAndBody() {
        String header = WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"a\":1}");

        assertThat(WebhookSignature.verify(SECRET, 1_700_000_000L, "{\"a\":1}", header)).isTrue();
        // A replay with a fresh timestamp, a changed body, another secret, no header: all refused.
        assertThat(WebhookSignature.verify(SECRET, 1_700_000_600L, "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, 1_700_000_000L, "{\"a\":2}", header)).isFalse();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), 1_700_000_000L, "{\"a\":1}",
                header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, 1_700_000_000L, "{\"a\":1}", null)).isFalse();
    }

    @Test
    void theBodyIsSignedAsUtf8() {
        String body = "{\"reason\":\"caf\u00e9\"}";

        assertThat(WebhookSignature.signedContent(7, body))
                .isEqualTo(("7." + body).getBytes(StandardCharsets.UTF_8));
    }
}

package dev.faultline.reporter.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs an alert to one webhook, in its format, signed with its secret ({@link WebhookSignature}). Any 2xx is
 * accepted; redirects are not followed (a webhook that moved is a configuration to fix, and following one would
 * send the signed alert to another host).
 */
public final class WebhookChannel implements AlertChannel {

    private final String target;
    private final URI url;
    private final WebhookFormat format;
    private final byte[] secret;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param target a name free of the URL (which often carries a token): {@code webhook-<index>}
     * @param secret the HMAC key; never logged
     */
    public WebhookChannel(String target, URI url, WebhookFormat format, byte[] secret, HttpClient http,
            Duration timeout, Clock clock) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException(target + ": a webhook needs a non-empty secret");
        }
        this.target = target;
        this.url = url;
        this.format = format;
        this.secret = secret.clone();
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return "webhook";
    }

    @Override
    public String target() {
        return target;
    }

    /** The request an alert becomes, signed at the clock's current second. */
    HttpRequest request(Alert alert) {
        String body = WebhookBodies.of(format, alert);
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Faultline-Alerts")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .header("X-Faultline-Alert-Id", alert.id())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public void send(Alert alert) throws DeliveryFailure {
        HttpResponse<String> response;
        try {
            response = http.send(request(alert), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryFailure(target + " not reached: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(target + ": interrupted (the reporter is stopping)", false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new DeliveryFailure(target + " answered HTTP " + status + ": " + excerpt(response.body()),
                    RetryPolicy.retryableStatus(status));
        }
    }

    private static String excerpt(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}

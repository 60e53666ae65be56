package dev.faultline.reporter.alert;

import java.util.Locale;

/** The body a webhook gets ({@code faultline.alerts.webhooks[N].format}): {@code json} or {@code slack}. */
public enum WebhookFormat {
    JSON,
    SLACK;

    public static WebhookFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown webhook format '" + name + "'; known: json, slack", e);
        }
    }
}

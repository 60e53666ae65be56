package dev.faultline.reporter.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The reporter's alerts: {@code faultline.alerts.*} (docs/alerts.md, docs/configuration.md). */
@ConfigMapping(prefix = "faultline.alerts")
public interface AlertSettings {

    /** The kinds that alert: {@code fail}, {@code abort}, {@code halt}, {@code skipped}. */
    @WithDefault("fail,abort,halt,skipped")
    List<String> on();

    /** Where the reporter's API is reached by whoever reads the alert: the report links start with it. */
    @WithDefault("http://127.0.0.1:18083")
    URI reportBaseUrl();

    /** The DynamoDB table of the claims and delivery outcomes (application.properties: behind the table prefix). */
    String table();

    Sns sns();

    Delivery delivery();

    /** The webhooks, {@code faultline.alerts.webhooks[0].url} and so on. */
    Optional<List<Webhook>> webhooks();

    interface Sns {
        /** The topic alerts are published to; absent: no SNS alerts. */
        Optional<String> topicArn();

        /** An SNS API to use instead of AWS's (fauxqs locally), with dummy credentials. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();
    }

    interface Delivery {
        /** Attempts per target at most, the first included. */
        @WithDefault("6")
        int maxAttempts();

        /** The wait before the second attempt, doubled before each next one (with jitter). */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** No attempt starts later than this after the first. */
        @WithDefault("2m")
        Duration maxTotal();

        /** One attempt's limit: connecting and the answer. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Webhook {
        URI url();

        /** {@code json} or {@code slack}. */
        @WithDefault("json")
        String format();

        /** A file holding the HMAC secret (trailing line break ignored). */
        Optional<Path> secretFile();

        /** An environment variable holding the HMAC secret, when there is no file. */
        Optional<String> secretEnv();
    }
}

package dev.faultline.reporter.alert;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.store.RunStore;
import dev.faultline.reporter.store.StoredRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The reporter's alerts, as the consumers see them: a verdict or an event in, an alert out when the rules say so
 * ({@link AlertRules}), claimed and sent by {@link AlertDelivery}. Built from {@link AlertSettings} at start-up, so
 * that a wrong setting (an unknown kind or format, a webhook without its secret) stops the reporter there rather
 * than at the first failure; with neither a topic nor a webhook there is nothing to send and no table is made.
 */
@Singleton
@Startup
public class Alerts implements AlertTrigger {

    private static final Logger LOG = Logger.getLogger(Alerts.class);
    /** Two threads: a target that hangs for its whole timeout leaves the other targets one. */
    private static final int THREADS = 2;

    private final AlertRules rules;
    private final AlertDelivery delivery;
    private final RunStore runs;
    private final ScheduledExecutorService executor;
    private final SnsClient sns;

    public Alerts(AlertSettings settings, DynamoDbClient dynamo, RunStore runs, MeterRegistry registry,
            Clock clock) {
        this.runs = runs;
        EnumSet<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        settings.on().stream().filter(k -> !k.isBlank()).map(AlertKind::parse).forEach(kinds::add);
        this.rules = new AlertRules(kinds, settings.reportBaseUrl());
        AlertSettings.Delivery d = settings.delivery();
        RetryPolicy policy = new RetryPolicy(d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.maxTotal());

        List<AlertChannel> channels = new ArrayList<>();
        this.sns = settings.sns().topicArn().filter(t -> !t.isBlank()).map(topic -> {
            SnsClient client = snsClient(settings.sns(), d.timeout());
            channels.add(new SnsChannel(client, topic));
            return client;
        }).orElse(null);
        List<AlertSettings.Webhook> webhooks = settings.webhooks().orElse(List.of());
        HttpClient http = webhooks.isEmpty() ? null
                : HttpClient.newBuilder().connectTimeout(d.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        for (int i = 0; i < webhooks.size(); i++) {
            AlertSettings.Webhook webhook = webhooks.get(i);
            String target = "webhook-" + i;
            channels.add(new WebhookChannel(target, webhook.url(), WebhookFormat.parse(webhook.format()),
                    secret(target, webhook), http, d.timeout(), clock));
        }

        AlertLedger ledger = new AlertLedger(dynamo, settings.table());
        if (!channels.isEmpty()) {
            ledger.ensure();
        }
        this.executor = Executors.newScheduledThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "faultline-alerts");
            thread.setDaemon(true);
            return thread;
        });
        this.delivery = new AlertDelivery(channels, ledger, policy, registry, clock,
                () -> ThreadLocalRandom.current().nextDouble(), executor);
        LOG.infof("alerts on %s (unless a schedule names its own) to %s", kinds, channels.isEmpty() ? "nothing (no topic, no webhook)"
                : channels.stream().map(AlertChannel::target).toList());
    }

    /** A verdict the reporter has recorded: alerts when it is a FAIL of a run that was not aborted. */
    @Override
    public void onVerdict(RunVerdict verdict) {
        if (verdict.verdict() == Verdict.FAIL) {
            rules.forVerdict(verdict, factsOf(verdict.runId())).ifPresent(delivery::raise);
        }
    }

    /** An event from chaos-events: alerts on an abort, a halt, a skipped occurrence. */
    @Override
    public void onEvent(ChaosEvent event) {
        rules.forEvent(event, this::factsOf).ifPresent(delivery::raise);
    }

    /**
     * The run as its stored events tell it: its RunStarted (the experiment, the schedule's kinds of alert) and
     * whether a RunAborted came. Read only for a FAIL verdict or an abort, a few per run.
     */
    private RunFacts factsOf(String runId) {
        List<ChaosEvent> events = runs.events(runId);
        Optional<RunStarted> started = events.stream().filter(RunStarted.class::isInstance)
                .map(RunStarted.class::cast).findFirst();
        boolean aborted = events.stream().anyMatch(RunAborted.class::isInstance);
        String experiment = started.map(s -> s.experiment().name())
                .or(() -> runs.findRun(runId).map(StoredRun::experimentName)).orElse(null);
        return new RunFacts(experiment, started.map(RunStarted::alertOn).orElse(null), aborted);
    }

    @PreDestroy
    void stop() {
        // Alerts still waiting for a retry are given up: their items stay "pending" (AlertLedger).
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (sns != null) {
            sns.close();
        }
    }

    /**
     * The SDK's own retries are off: {@link RetryPolicy} is the one policy, with its bounds, for every channel.
     * With an endpoint (fauxqs) the credentials are dummies, as such a server checks none; without one the default
     * chain finds the real ones.
     */
    static SnsClient snsClient(AlertSettings.Sns settings, Duration timeout) {
        SnsClientBuilder builder = SnsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout)
                        .build())
                .region(Region.of(settings.region()))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpoint().ifPresent(uri -> builder
                .endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("faultline", "local"))));
        return builder.build();
    }

    /** The webhook's HMAC secret from its file, else its environment variable; never logged. */
    static byte[] secret(String target, AlertSettings.Webhook webhook) {
        String secret;
        if (webhook.secretFile().isPresent()) {
            try {
                secret = Files.readString(webhook.secretFile().get(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(target + ": cannot read its secret file "
                        + webhook.secretFile().get(), e);
            }
        } else if (webhook.secretEnv().isPresent()) {
            secret = Optional.ofNullable(System.getenv(webhook.secretEnv().get())).orElse("").strip();
        } else {
            throw new IllegalStateException(target + " (" + hostOf(webhook.url())
                    + ") needs a secret: faultline.alerts.webhooks[N].secret-file or secret-env");
        }
        if (secret.isEmpty()) {
            throw new IllegalStateException(target + ": its secret is empty");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A webhook in messages: its host only, since the path of many (Slack's) is itself a secret. */
    static String hostOf(URI url) {
        return url.getHost() == null ? "?" : url.getHost();
    }
}

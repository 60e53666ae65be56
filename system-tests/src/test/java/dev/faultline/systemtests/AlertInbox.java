package dev.faultline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Where a stack's reporter sends its alerts in a system test, read back as their receivers would: an SNS topic of
 * the test's own on fauxqs with an SQS queue subscribed to it, and a webhook receiver (the JDK's HTTP server on
 * loopback) that checks each request's HMAC signature as docs/alerts.md tells receivers to. Made before the stack
 * starts ({@link #reporterProperties}); {@link #close} deletes the topic and the queue and stops the receiver.
 */
final class AlertInbox implements AutoCloseable {

    /** A webhook request as received: its alert id header, its JSON body, whether its signature was valid. */
    record Webhook(String alertId, JsonNode body, boolean signatureValid) {
    }

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final byte[] secret = ("e2e-hook-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    private final URI endpoint = TestInfrastructure.requireSns();
    private final SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("e2e", "e2e")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    private final SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("e2e", "e2e")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    private final String topicArn;
    private final String queueUrl;
    private final HttpServer receiver;
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    /** The SNS messages read from the queue so far: each alert's SNS envelope's {@code Message} and attributes. */
    private final List<JsonNode> published = new CopyOnWriteArrayList<>();

    AlertInbox() {
        topicArn = sns.createTopic(b -> b.name("e2e-alerts-" + id)).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("e2e-alerts-inbox-" + id)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        try {
            receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver.createContext("/alerts", this::receive);
        receiver.start();
    }

    /**
     * The reporter's settings for this inbox, on top of {@code kinds} as its own {@code faultline.alerts.on}; the
     * webhook's secret in a file under {@code secretsDir}.
     */
    Map<String, String> reporterProperties(String kinds, Path secretsDir) {
        try {
            Path secretFile = Files.createDirectories(secretsDir).resolve("alert-hook-" + id + ".secret");
            Files.write(secretFile, secret);
            return Map.of(
                    "faultline.alerts.on", kinds,
                    "faultline.alerts.sns.endpoint", endpoint.toString(),
                    "faultline.alerts.sns.topic-arn", topicArn,
                    "faultline.alerts.webhooks[0].url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts",
                    "faultline.alerts.webhooks[0].secret-file", secretFile.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every webhook request received so far, in order. */
    List<Webhook> webhooks() {
        return List.copyOf(webhooks);
    }

    /** Every alert published to the topic so far: reads what is waiting on the queue (and deletes it). */
    List<JsonNode> published() {
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages()) {
            try {
                published.add(ChaosJson.messages().readTree(message.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return List.copyOf(published);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        String timestamp = headers.getFirst("X-Faultline-Timestamp");
        String signature = headers.getFirst("X-Faultline-Signature");
        webhooks.add(new Webhook(headers.getFirst("X-Faultline-Alert-Id"), ChaosJson.messages().readTree(body),
                signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                        sign(timestamp + "." + body).getBytes(StandardCharsets.UTF_8))));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        receiver.stop(0);
        try {
            sqs.deleteQueue(b -> b.queueUrl(queueUrl));
            sns.deleteTopic(b -> b.topicArn(topicArn));
        } finally {
            sqs.close();
            sns.close();
        }
    }
}

package dev.faultline.reporter.alert;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Publishes an alert to the SNS topic: the subject and text of {@link AlertText}, and String message attributes that
 * a subscription's filter policy can select on ({@code kind}, {@code verdict}, {@code experiment}, {@code runId},
 * {@code scheduleId}, {@code alertId}; those without a value are left out, as SNS refuses empty ones).
 */
public final class SnsChannel implements AlertChannel {

    private final SnsClient client;
    private final String topicArn;

    public SnsChannel(SnsClient client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    @Override
    public String channel() {
        return "sns";
    }

    @Override
    public String target() {
        return "sns";
    }

    @Override
    public void send(Alert alert) throws DeliveryFailure {
        try {
            client.publish(b -> b.topicArn(topicArn)
                    .subject(AlertText.subject(alert))
                    .message(AlertText.body(alert))
                    .messageAttributes(attributes(alert)));
        } catch (SnsException e) {
            int status = e.statusCode();
            throw new DeliveryFailure("SNS refused the publish (HTTP " + status + ", "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()) + ")",
                    RetryPolicy.retryableStatus(status), e);
        } catch (SdkClientException e) {
            throw new DeliveryFailure("SNS not reached: " + e.getMessage(), true, e);
        }
    }

    /** The message attributes of an alert, all of type String. */
    static Map<String, MessageAttributeValue> attributes(Alert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        put(attributes, "kind", alert.kind().configName());
        put(attributes, "verdict", alert.verdict());
        put(attributes, "experiment", alert.experiment());
        put(attributes, "runId", alert.runId());
        put(attributes, "scheduleId", alert.scheduleId());
        put(attributes, "alertId", alert.id());
        return attributes;
    }

    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }
}

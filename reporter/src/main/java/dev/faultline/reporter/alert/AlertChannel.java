package dev.faultline.reporter.alert;

/** One place an alert goes: the SNS topic, or one webhook. */
public interface AlertChannel {

    /** {@code sns} or {@code webhook}: the {@code channel} tag of the deliveries metric. */
    String channel();

    /**
     * Which target of its channel, unique among the reporter's targets and free of secrets (webhook URLs often carry
     * a token): {@code sns}, {@code webhook-0}, ... The key of its delivery in the alerts table and in the logs.
     */
    String target();

    /** One attempt; returns when the target accepted the alert. */
    void send(Alert alert) throws DeliveryFailure;
}

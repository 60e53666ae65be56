package dev.faultline.orchestrator.dispatch;

/** Kafka did not acknowledge a message in time; the action that needed it did not happen. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

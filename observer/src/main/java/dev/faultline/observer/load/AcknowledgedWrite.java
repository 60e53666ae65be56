package dev.faultline.observer.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One write the system acknowledged to the load test, with what it was sent and what it answered, as the Faultline
 * Artillery plugin records it in {@link AcknowledgedWritesFile}.
 *
 * @param id           the acknowledged id (the answer's {@code orderIdField})
 * @param sent         the request's JSON body; null when it had none or it was not JSON
 * @param acknowledged the answer's JSON body
 */
public record AcknowledgedWrite(String id, JsonNode sent, JsonNode acknowledged) {

    public AcknowledgedWrite {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an acknowledged write needs its id");
        }
        sent = sent == null || sent.isNull() || sent.isMissingNode() ? null : sent;
        acknowledged = acknowledged == null || acknowledged.isNull() || acknowledged.isMissingNode() ? null
                : acknowledged;
    }
}

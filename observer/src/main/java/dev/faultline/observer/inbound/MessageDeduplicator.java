package dev.faultline.observer.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last message ids seen, because Kafka delivers at least once. Bounded: a duplicate arrives soon
 * after its original, so old ids can be forgotten.
 */
public final class MessageDeduplicator {

    private final Map<String, Boolean> seen;

    public MessageDeduplicator(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered, false for a repeat. */
    public synchronized boolean firstTime(String messageId) {
        return seen.put(messageId, Boolean.TRUE) == null;
    }
}

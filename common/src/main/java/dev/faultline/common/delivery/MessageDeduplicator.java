package dev.faultline.common.delivery;

/**
 * The ids of the last messages handled, to drop Kafka's redeliveries (it delivers at least once). Bounded: the
 * oldest id is forgotten first, which is safe because a redelivery comes soon after its original. The one
 * de-duplicator of the agent's commands and the observer's events.
 */
public final class MessageDeduplicator {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final java.util.Map<String, Boolean> seen;

    public MessageDeduplicator(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.seen = new java.util.LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered (and remembers it), false for a repeat. */
    public synchronized boolean firstSeen(String messageId) {
        return seen.putIfAbsent(messageId, Boolean.TRUE) == null;
    }

    public synchronized int size() {
        return seen.size();
    }
}

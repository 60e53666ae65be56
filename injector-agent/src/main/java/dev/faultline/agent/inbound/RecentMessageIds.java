package dev.faultline.agent.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last commands handled, to drop Kafka's redeliveries. Bounded: the oldest id is forgotten first,
 * which is safe because redeliveries come soon after the original.
 */
public final class RecentMessageIds {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Boolean> seen;

    public RecentMessageIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
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

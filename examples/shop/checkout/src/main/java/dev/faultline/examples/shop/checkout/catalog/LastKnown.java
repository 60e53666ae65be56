package dev.faultline.examples.shop.checkout.catalog;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last answer seen per key, the fallback's source when the service behind it is down. Bounded: beyond its
 * capacity new keys are not remembered (the shop's catalogue and user base fit many times over).
 */
public final class LastKnown<V> {

    private final int capacity;
    private final ConcurrentMap<String, V> values = new ConcurrentHashMap<>();

    public LastKnown(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    public V remember(String key, V value) {
        if (values.size() < capacity || values.containsKey(key)) {
            values.put(key, value);
        }
        return value;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}

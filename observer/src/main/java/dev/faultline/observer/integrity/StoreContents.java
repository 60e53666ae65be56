package dev.faultline.observer.integrity;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a store held for the acknowledged ids after the run.
 *
 * @param present ids it has a record for
 * @param changed ids whose record differs from a write acknowledged under that id, with the first difference
 */
public record StoreContents(Set<String> present, Map<String, String> changed) {

    public StoreContents {
        present = Set.copyOf(present);
        changed = Collections.unmodifiableMap(new TreeMap<>(changed));
        if (!present.containsAll(changed.keySet())) {
            throw new IllegalArgumentException("a changed id is one the store has");
        }
    }

    /** Ids only: the store's content was not compared. */
    public static StoreContents idsOnly(Set<String> present) {
        return new StoreContents(present, Map.of());
    }
}

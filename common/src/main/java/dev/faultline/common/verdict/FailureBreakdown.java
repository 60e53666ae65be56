package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The failures of a set of requests or probes by cause: those whose answer had a status the experiment does not
 * count as success, per status; the others per {@link FailureKind}. Every failure is in exactly one of the two, so
 * {@link #total()} is the number of failures.
 *
 * @param byStatus failed answers per HTTP status, e.g. {@code {"405": 66, "503": 3}}
 * @param byKind   failures without a deciding status, e.g. {@code {"timeout": 24}}
 */
public record FailureBreakdown(Map<Integer, Long> byStatus, Map<FailureKind, Long> byKind) {

    public static final FailureBreakdown NONE = new FailureBreakdown(Map.of(), Map.of());

    public FailureBreakdown {
        byStatus = byStatus == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(byStatus));
        byKind = byKind == null || byKind.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(byKind));
        Checks.start()
                .require(Stream.concat(byStatus.values().stream(), byKind.values().stream())
                                .allMatch(n -> n != null && n > 0),
                        "byStatus", "counts must be positive (a cause that never happened is left out)")
                .throwIfAny();
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum()
                + byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code 405 ×66, timeout ×24}: statuses first, in order, then kinds; {@code none} without failures. */
    public String describe() {
        if (total() == 0) {
            return "none";
        }
        return Stream.concat(
                        byStatus.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()),
                        byKind.entrySet().stream().map(e -> e.getKey().label() + " ×" + e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Counts failures one by one, then gives their breakdown. Not thread-safe. */
    public static final class Tally {

        private final SortedMap<Integer, Long> byStatus = new TreeMap<>();
        private final Map<FailureKind, Long> byKind = new EnumMap<>(FailureKind.class);

        /** One failure: counted by its kind when it has one, else by its status. */
        public Tally add(Integer status, FailureKind kind) {
            if (kind != null) {
                byKind.merge(kind, 1L, Long::sum);
            } else if (status != null) {
                byStatus.merge(status, 1L, Long::sum);
            } else {
                byKind.merge(FailureKind.OTHER, 1L, Long::sum);
            }
            return this;
        }

        public FailureBreakdown breakdown() {
            return new FailureBreakdown(byStatus, byKind);
        }
    }
}

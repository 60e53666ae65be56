package dev.faultline.agent.fault;

import dev.faultline.common.fault.FaultSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What an executor started for a lasting fault (a process, a file), kept until the fault's revert. Keyed by
 * container and spec, because that is what {@link FaultExecutor#revert} receives: two faults with equal specs on
 * one container have interchangeable effects, so reverting either takes one of them away, which is exactly right.
 */
public final class AppliedEffects<E> {

    private final ConcurrentMap<Key, Deque<E>> effects = new ConcurrentHashMap<>();

    public void add(Target target, FaultSpec spec, E effect) {
        effects.compute(new Key(target.containerId(), spec), (key, deque) -> {
            Deque<E> d = deque == null ? new ArrayDeque<>() : deque;
            d.push(effect);
            return d;
        });
    }

    /** Takes one effect out; empty when there is none (already reverted, or never applied). */
    public Optional<E> take(Target target, FaultSpec spec) {
        Object[] taken = new Object[1];
        effects.computeIfPresent(new Key(target.containerId(), spec), (key, deque) -> {
            taken[0] = deque.poll();
            return deque.isEmpty() ? null : deque;
        });
        @SuppressWarnings("unchecked")
        E effect = (E) taken[0];
        return Optional.ofNullable(effect);
    }

    public int size() {
        return effects.values().stream().mapToInt(Deque::size).sum();
    }

    private record Key(String containerId, FaultSpec spec) {
    }
}

package dev.faultline.orchestrator.agents;

import dev.faultline.common.event.AgentHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents that are alive and what each can target, from their heartbeats. An agent silent for
 * {@link #MISSED_HEARTBEATS} heartbeat intervals is considered gone: its containers are no longer targets.
 */
@ApplicationScoped
public class AgentDirectory {

    public static final int MISSED_HEARTBEATS = 3;

    /** How many recent heartbeats the clock offset of an agent is estimated from. */
    static final int OFFSET_SAMPLES = 10;

    private final Map<String, Seen> agents = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<Long>> offsetSamples = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public AgentDirectory(Clock clock) {
        this.clock = clock;
    }

    public void record(AgentHeartbeat heartbeat) {
        Instant received = clock.instant();
        agents.merge(heartbeat.agentId(), new Seen(heartbeat, received),
                (old, fresh) -> fresh.heartbeat().timestamp().isBefore(old.heartbeat().timestamp()) ? old : fresh);
        java.util.Deque<Long> samples = offsetSamples.computeIfAbsent(heartbeat.agentId(),
                id -> new java.util.ArrayDeque<>());
        synchronized (samples) {
            samples.addLast(Duration.between(received, heartbeat.timestamp()).toMillis());
            while (samples.size() > OFFSET_SAMPLES) {
                samples.removeFirst();
            }
        }
    }

    /**
     * How far the agent's clock is ahead of this orchestrator's (negative: behind), in milliseconds, estimated from
     * its heartbeats: each one's timestamp (the agent's clock) minus when it arrived here (this clock) is the offset
     * less the heartbeat's transit time, so the largest of the last {@link #OFFSET_SAMPLES} (the quickest transit) is
     * the estimate. It errs low by that transit (a few milliseconds on a healthy broker). Empty before a heartbeat.
     * An agent acts on an InjectFault's {@code executeAt} by its own clock: off by this much (docs/design.md).
     */
    public java.util.Optional<Long> clockOffsetMillis(String agentId) {
        java.util.Deque<Long> samples = offsetSamples.get(agentId);
        if (samples == null) {
            return java.util.Optional.empty();
        }
        synchronized (samples) {
            return samples.stream().max(Long::compare);
        }
    }

    /** Heartbeats of live agents, by agent id. */
    public List<AgentHeartbeat> live() {
        Instant now = clock.instant();
        return agents.values().stream()
                .filter(seen -> seen.receivedAt().plus(seen.heartbeat().interval().multipliedBy(MISSED_HEARTBEATS))
                        .isAfter(now))
                .map(Seen::heartbeat)
                .sorted(Comparator.comparing(AgentHeartbeat::agentId))
                .toList();
    }

    /** Every agent ever heard from, with when it was last heard, for operators. */
    public List<Seen> all() {
        return agents.values().stream().sorted(Comparator.comparing(s -> s.heartbeat().agentId())).toList();
    }

    /** The agent's latest heartbeat and when it arrived; empty for an agent never heard from. */
    public Optional<Seen> seen(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    public boolean isLive(String agentId, Duration slack) {
        Seen seen = agents.get(agentId);
        return seen != null && seen.receivedAt()
                .plus(seen.heartbeat().interval().multipliedBy(MISSED_HEARTBEATS)).plus(slack).isAfter(clock.instant());
    }

    /** A heartbeat and when the orchestrator received it (on its own clock, so agents' clock skew does not matter). */
    public record Seen(AgentHeartbeat heartbeat, Instant receivedAt) {
    }
}

package dev.faultline.agent.fault;

import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import java.time.Instant;
import java.util.Optional;

/**
 * Which commands a halt covers. A halt stops what was commanded up to its own instant (the orchestrator's
 * {@code timestamp} of each message): faults injected by earlier commands are reverted, an earlier InjectFault that
 * arrives after the halt is refused, and a fault of a run started after the halt is left alone.
 *
 * <p>Why not "everything, whenever the halt arrives": commands are keyed by agent and the halt by {@code *}, so they
 * sit on different partitions and an agent that catches up after a restart may read them in any order. A halt
 * read late would otherwise revert a run started after it, and an inject read after the halt would take effect
 * after the operator had stopped everything. Both instants come from the orchestrator's clock; across orchestrator
 * instances their clock skew shifts the line (docs/security.md, Halt).
 */
public final class HaltFence {

    private HaltAll latest; // guarded by this

    /** Whether {@code halt} covers the fault injected by {@code command}: issued at or before the halt. */
    public static boolean covers(HaltAll halt, InjectFault command) {
        return covers(halt.timestamp(), command.timestamp());
    }

    /** The rule itself: a command issued at {@code issuedAt} is covered by a halt issued at {@code haltedAt}. */
    static boolean covers(Instant haltedAt, Instant issuedAt) {
        return !issuedAt.isAfter(haltedAt);
    }

    /** A halt was obeyed: from now on injects issued up to its instant are refused. */
    public synchronized void passed(HaltAll halt) {
        if (latest == null || halt.timestamp().isAfter(latest.timestamp())) {
            latest = halt;
        }
    }

    /** The latest halt obeyed, when it covers {@code command} (which must then not take effect). */
    public synchronized Optional<HaltAll> overtaking(InjectFault command) {
        return latest != null && covers(latest, command) ? Optional.of(latest) : Optional.empty();
    }
}

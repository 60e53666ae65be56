package dev.faultline.reporter.report;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.reporter.MessageTypes;

/** One line of a report's event list: what happened, where, in words. Empty cells are {@code ""}. */
public record EventRow(String time, String type, String agent, String fault, String target, String detail) {

    public static EventRow of(ChaosEvent event) {
        String time = ReportFormat.instant(event.timestamp(), "");
        String type = MessageTypes.nameOf(event);
        if (event instanceof FaultInjected e) {
            return new EventRow(time, type, e.agentId(), fault(e.faultType(), e.faultId()), e.target().toString(),
                    "took effect at " + ReportFormat.instant(e.injectedAt(), "?") + " (agent's clock), action took "
                            + ReportFormat.duration(e.applyMillis()));
        }
        if (event instanceof FaultReverted e) {
            return new EventRow(time, type, e.agentId(), fault(e.faultType(), e.faultId()), e.target().toString(),
                    "reverted at " + ReportFormat.instant(e.revertedAt(), "?") + ", cause: " + e.cause());
        }
        if (event instanceof FaultFailed e) {
            return new EventRow(time, type, e.agentId(), fault(e.faultType(), e.faultId()), e.target().toString(),
                    "not applied (" + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "): "
                            + e.detail());
        }
        if (event instanceof RunStarted e) {
            return new EventRow(time, type, "", "", "",
                    "experiment " + e.experiment().name() + ", " + e.plan().size() + " planned fault(s), injection at "
                            + ReportFormat.instant(e.injectAt(), "?") + ", observed until "
                            + ReportFormat.instant(e.observeUntil(), "?"));
        }
        if (event instanceof RunFinished e) {
            return new EventRow(time, type, "", "", "",
                    "observation ended at " + ReportFormat.instant(e.finishedAt(), "?") + "; faults applied: "
                            + e.faultsInjected() + ", failed: " + e.faultsFailed());
        }
        if (event instanceof RunAborted e) {
            return new EventRow(time, type, "", "", "",
                    "aborted: " + e.reason() + (e.operator() == null ? "" : " (by " + e.operator() + ")"));
        }
        if (event instanceof TargetStateChanged e) {
            return new EventRow(time, type, e.agentId(), e.faultId(), e.target().toString(),
                    e.state() + ": Docker " + e.dockerAction() + " at " + ReportFormat.instant(e.at(), "?")
                            + " (engine's clock)");
        }
        if (event instanceof AgentHeartbeat e) {
            return new EventRow(time, type, e.agentId(), "", "", e.inventory().size() + " target(s) on " + e.hostname());
        }
        throw new IllegalArgumentException("no report row for " + type);
    }

    private static String fault(String type, String id) {
        return type + " (" + id + ")";
    }
}

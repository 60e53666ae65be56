package dev.faultline.agent.fault;

import dev.faultline.agent.capability.CapabilityReport;
import dev.faultline.agent.outbound.EventPublisher;
import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.TargetRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Carries out an InjectFault: checks the target on this host, applies the fault through its executor, reports
 * FaultInjected or FaultFailed, and hands lasting faults to {@link ActiveFaults} for their timed revert.
 */
@ApplicationScoped
public class FaultInjector {

    private static final Logger LOG = Logger.getLogger(FaultInjector.class);

    private final ContainerInspector inspector;
    private final FaultExecutorRegistry executors;
    private final ActiveFaults activeFaults;
    private final FaultReverter reverter;
    private final EventPublisher events;
    private final Clock clock;
    private final Function<String, Capability> support;

    /** Without a capability check: every fault type with an executor is taken as supported (tests). */
    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, EventPublisher events, Clock clock) {
        this(inspector, executors, activeFaults, reverter, events, clock, type -> Capability.available("supported"));
    }

    @Inject
    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, EventPublisher events, Clock clock, CapabilityReport capabilities) {
        this(inspector, executors, activeFaults, reverter, events, clock, capabilities::fault);
    }

    public FaultInjector(ContainerInspector inspector, FaultExecutorRegistry executors, ActiveFaults activeFaults,
            FaultReverter reverter, EventPublisher events, Clock clock, Function<String, Capability> support) {
        this.support = support;
        this.inspector = inspector;
        this.executors = executors;
        this.activeFaults = activeFaults;
        this.reverter = reverter;
        this.events = events;
        this.clock = clock;
    }

    public void inject(InjectFault command) {
        TargetRef ref = command.target();
        String type = command.fault().type();
        if (activeFaults.isActive(command.faultId())) {
            // A repeated command for a fault in effect: the desired state already holds.
            LOG.infof("fault %s (run %s) is already active on %s; nothing to do", command.faultId(), command.runId(), ref);
            return;
        }
        Optional<InspectedContainer> found;
        try {
            found = inspector.find(ref.containerId());
        } catch (RuntimeException e) {
            fail(command, FailureReason.RUNTIME_ERROR, "cannot inspect container " + ref.containerId() + ": " + describe(e));
            return;
        }
        if (found.isEmpty()) {
            fail(command, FailureReason.TARGET_NOT_FOUND,
                    "container " + ref.containerName() + " (" + ref.containerId() + ") does not exist on this host");
            return;
        }
        InspectedContainer container = found.get();
        // Opt-in first: it is the agent's own safety rule and a permanent refusal, whatever state the target is in.
        if (!container.optedIn()) {
            fail(command, FailureReason.TARGET_NOT_OPTED_IN, "container " + container.name()
                    + " does not carry the label " + ContainerInfo.OPT_IN_LABEL + "=true; the agent refuses it");
            return;
        }
        if (!container.running()) {
            fail(command, FailureReason.TARGET_NOT_RUNNING,
                    "container " + container.name() + " is " + container.status() + ", not running");
            return;
        }
        Optional<FaultExecutor<?>> executor = executors.forType(type);
        if (executor.isEmpty()) {
            fail(command, FailureReason.UNSUPPORTED_FAULT, "this agent has no executor for fault type " + type);
            return;
        }
        Capability supported = support.apply(type);
        if (!supported.available()) {
            fail(command, FailureReason.UNSUPPORTED_ON_HOST, "this host cannot run " + type + ": " + supported.detail());
            return;
        }
        Target target = Target.of(ref, container, command.faultId());
        Instant started = clock.instant();
        try {
            executor.get().applyUnchecked(target, command.fault());
        } catch (UnsupportedOnHostException e) {
            fail(command, FailureReason.UNSUPPORTED_ON_HOST, describe(e));
            return;
        } catch (RuntimeException e) {
            fail(command, FailureReason.RUNTIME_ERROR, describe(e));
            return;
        }
        Instant injectedAt = clock.instant();
        long applyMillis = Math.max(0, Duration.between(started, injectedAt).toMillis());
        LOG.infof("injected fault %s (run %s, %s on %s) in %d ms", command.faultId(), command.runId(), type, target,
                applyMillis);
        events.publish(FaultInjected.of(command.runId(), command.faultId(), type, ref, injectedAt, applyMillis,
                clock.instant()));
        if (command.fault().lasting()) {
            activeFaults.track(new ActiveFault(command, target, executor.get()), command.duration(),
                    due -> reverter.revert(due, RevertCause.DURATION_ENDED));
        }
    }

    private void fail(InjectFault command, FailureReason reason, String detail) {
        LOG.warnf("fault %s (run %s, %s on %s) failed: %s: %s", command.faultId(), command.runId(),
                command.fault().type(), command.target(), reason, detail);
        events.publish(FaultFailed.of(command.runId(), command.faultId(), command.fault().type(), command.target(),
                reason, detail, clock.instant()));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

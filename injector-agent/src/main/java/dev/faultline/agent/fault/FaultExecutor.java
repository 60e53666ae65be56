package dev.faultline.agent.fault;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.common.fault.FaultSpec;
import java.util.Set;

/**
 * Applies and reverts one fault type. One class per type, a CDI bean, found by {@link FaultExecutorRegistry}
 * under {@link FaultSpec#typeOf(Class)} of its {@link #specType()}. See docs/adding-a-fault.md.
 *
 * <p>Both methods act on exactly one target and throw with a message a person can act on when they fail.
 * {@link #revert} must be idempotent: reverting what is already gone is success.
 */
public interface FaultExecutor<S extends FaultSpec> {

    Class<S> specType();

    void apply(Target target, S spec);

    void revert(Target target, S spec);

    /**
     * What this executor needs from its host. The agent reports a fault type whose features are missing as
     * unsupported (with the reason) and refuses to apply it; the orchestrator's dry run refuses it before that.
     */
    default Set<HostFeature> requires() {
        return Set.of();
    }

    /** {@link #apply} for a spec known only as {@link FaultSpec}; the registry guarantees the type matches. */
    default void applyUnchecked(Target target, FaultSpec spec) {
        apply(target, specType().cast(spec));
    }

    /** {@link #revert} for a spec known only as {@link FaultSpec}. */
    default void revertUnchecked(Target target, FaultSpec spec) {
        revert(target, specType().cast(spec));
    }
}

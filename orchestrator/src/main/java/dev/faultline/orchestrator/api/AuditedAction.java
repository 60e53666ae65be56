package dev.faultline.orchestrator.api;

import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.auth.Caller;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One change through the API on the audit trail ({@code chaos-audit}), refused and failed ones too: the change runs,
 * and exactly one record says what came of it, its outcome when it succeeded, how it was refused when it threw (the
 * exception then goes on to the caller as it came).
 */
final class AuditedAction {

    /** What a success records: the outcome's words and the run it concerns (null: none). */
    record Outcome(String text, String runId) {
        static Outcome of(String text) {
            return new Outcome(text, null);
        }
    }

    /**
     * A refusal by its kind only ({@code rejected: InvalidExperimentException}): its message may quote the request
     * (an experiment's field values), which the audit trail does not keep.
     */
    static final Function<RuntimeException, String> REJECTED = e -> "rejected: " + e.getClass().getSimpleName();
    /** A failure with its message ({@code failed: broker unavailable}): what an operator needs to know next. */
    static final Function<RuntimeException, String> FAILED = e -> "failed: " + e.getMessage();

    private final AuditLog audit;
    private final Caller caller;

    AuditedAction(AuditLog audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    /**
     * Runs {@code change} as {@code action} on {@code subject} (read when the record is written, so that a change
     * that learns its subject, e.g. by parsing the experiment, can name it).
     */
    <T> T run(String action, Supplier<String> subject, Supplier<T> change, Function<T, Outcome> outcome,
            Function<RuntimeException, String> refusal) {
        T result;
        try {
            result = change.get();
        } catch (RuntimeException e) {
            audit.record(caller.name(), caller.role().wireName(), action, subject.get(), refusal.apply(e), null);
            throw e;
        }
        Outcome done = outcome.apply(result);
        audit.record(caller.name(), caller.role().wireName(), action, subject.get(), done.text(), done.runId());
        return result;
    }
}

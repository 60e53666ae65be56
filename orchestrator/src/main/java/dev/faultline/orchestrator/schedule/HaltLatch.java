package dev.faultline.orchestrator.schedule;

import java.time.Instant;

/**
 * Set by {@code POST /api/v1/halt}: while it is set, no schedule starts a run (their occurrences are skipped as
 * {@code halted}) until an operator resumes them with {@code POST /api/v1/resume}. Stored, so a restart or another
 * instance keeps to it.
 */
public record HaltLatch(String operator, String reason, Instant engagedAt) {
}

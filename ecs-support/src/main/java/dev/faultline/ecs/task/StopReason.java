package dev.faultline.ecs.task;

import java.util.Objects;

/**
 * The reason Faultline gives StopTask: whoever reads the task's {@code stoppedReason} in the console or in
 * DescribeTasks sees that a chaos run stopped it, and which one.
 */
public final class StopReason {

    /** StopTask refuses a longer reason. */
    public static final int MAX_LENGTH = 255;

    private StopReason() {
    }

    public static String of(String runId, String faultId) {
        Objects.requireNonNull(runId, "runId");
        String reason = "Faultline chaos experiment: run " + runId
                + (faultId == null || faultId.isBlank() ? "" : ", fault " + faultId) + " (ecs-stop-task)";
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH);
    }
}

package dev.faultline.orchestrator.schedule;

/** A skipped occurrence's reason: its kind and the words an operator (or an alert) reads. */
public record Skip(SkipReason reason, String text) {

    /** What a missed occurrence records. */
    public static final String MISSED_TEXT = "missed: orchestrator was down";

    public static Skip of(SkipReason reason, String text) {
        return new Skip(reason, text);
    }
}

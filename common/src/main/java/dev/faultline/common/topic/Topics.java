package dev.faultline.common.topic;

/**
 * The Kafka topics of DESIGN.md section 2. Services map their channels to these names (plus an optional
 * per-environment prefix) in their {@code application.properties}; this class is the one place that names them
 * for code and documentation.
 */
public final class Topics {

    /** Orchestrator to agents; keyed by agent id, or {@link #BROADCAST_KEY}. */
    public static final String COMMANDS = "chaos-commands";
    /** The public stream of what happened; keyed by run id (agent id for heartbeats). */
    public static final String EVENTS = "chaos-events";
    /** Observer's timelines and verdicts; keyed by run id. */
    public static final String VERDICTS = "chaos-verdicts";
    /** Every operator action; keyed by operator. */
    public static final String AUDIT = "chaos-audit";

    /** Key of a command that every agent must act on. */
    public static final String BROADCAST_KEY = "*";

    private Topics() {
    }
}

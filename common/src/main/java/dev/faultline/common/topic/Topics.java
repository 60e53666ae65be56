package dev.faultline.common.topic;

import java.util.List;

/**
 * The Kafka topics (docs/design.md), the one place that names them. The services' channels take these names
 * from configuration ({@code faultline.topics.*}, supplied by {@link dev.faultline.common.config.FaultlineDefaults}),
 * each behind the optional per-environment {@code faultline.topic-prefix}; {@code deploy/kafka.sh} creates the
 * topics {@link #main} lists.
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

    /** Every topic Faultline uses, the ones a broker must have. */
    public static final List<String> ALL = List.of(COMMANDS, EVENTS, VERDICTS, AUDIT);

    /** Key of a command that every agent must act on. */
    public static final String BROADCAST_KEY = "*";

    private Topics() {
    }

    /**
     * Prints {@link #ALL}, one name a line: how {@code deploy/kafka.sh} (which runs before any Maven build) learns
     * the names, by compiling this file alone, rather than keeping a copy of the list.
     */
    public static void main(String[] args) {
        ALL.forEach(System.out::println);
    }
}

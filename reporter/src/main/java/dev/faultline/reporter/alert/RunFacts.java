package dev.faultline.reporter.alert;

import java.util.List;

/**
 * What the reporter knows of a run when its verdict or its abort comes in, from the run's stored events: the
 * experiment's name, the kinds of alert its schedule asked for on run-started, and whether it was aborted.
 *
 * @param experiment the experiment's name; null when unknown
 * @param alertOn    the kinds of alert its schedule asked for ({@code RunStarted.alertOn}); null for a run started
 *                   by hand, a schedule that named none, or a run whose start the reporter has not seen: then the
 *                   reporter's {@code faultline.alerts.on} applies
 * @param aborted    whether a run-aborted of it has been recorded
 */
public record RunFacts(String experiment, List<String> alertOn, boolean aborted) {

    /** A run the reporter knows nothing of: the defaults apply, and its verdict's findings tell an abort. */
    public static final RunFacts UNKNOWN = new RunFacts(null, null, false);
}

package dev.faultline.reporter.alert;

import dev.faultline.common.validation.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One alert, whatever channel carries it: what every body (SNS, JSON webhook, Slack) is written from.
 *
 * @param id          what makes it one alert however often its message is delivered: {@code <kind>:<runId>}, or
 *                    {@code skipped:<scheduleId>@<occurrence>} for a skipped occurrence (see {@link #idOf})
 * @param experiment  the experiment's name; null for an abort of a run whose start the reporter has not seen
 * @param runId       the run; null for a skipped occurrence, which started none
 * @param scheduleId  the schedule of a skipped occurrence; null otherwise
 * @param occurrence  the skipped occurrence's cron instant; null otherwise
 * @param verdict     {@code FAIL} for a verdict alert; null for the others
 * @param headline    one line: what happened, e.g. {@code run r-1 of checkout-kill: FAIL}
 * @param figures     the key figures in words, one a line: failed objectives measured against their thresholds, the
 *                    resilience score, the time to recover, an abort's or skip's reason
 * @param score       the resilience score 0..100 of a verdict (common's ResilienceScore); null for the others
 * @param timeToRecoverMillis the longest time to recover over the run's timelines; null when none recovered or none
 * @param reportUrl   the run's HTML report; null for a skipped occurrence
 * @param occurredAt  when the message that raised it was written
 */
public record Alert(
        String id,
        AlertKind kind,
        String experiment,
        String runId,
        String scheduleId,
        Instant occurrence,
        String verdict,
        String headline,
        List<String> figures,
        Integer score,
        Long timeToRecoverMillis,
        URI reportUrl,
        Instant occurredAt) {

    public Alert {
        Checks.start()
                .notBlank(id, "id")
                .notNull(kind, "kind")
                .notBlank(headline, "headline")
                .notNull(occurredAt, "occurredAt")
                .require(runId != null || scheduleId != null, "runId", "a run or a schedule is required")
                .throwIfAny();
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** A run's alert of the given kind: one per run and kind. */
    public static String idOf(AlertKind kind, String runId) {
        return kind.configName() + ":" + runId;
    }

    /** A skipped occurrence's alert: one per schedule and occurrence. */
    public static String idOf(String scheduleId, Instant occurrence) {
        return AlertKind.SKIPPED.configName() + ":" + scheduleId + "@" + occurrence;
    }
}

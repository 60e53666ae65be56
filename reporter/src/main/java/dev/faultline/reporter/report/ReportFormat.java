package dev.faultline.reporter.report;

import dev.faultline.common.verdict.ResilienceScore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers read in a report: seconds with millisecond digits, percentages with three decimals, UTC instants. */
public final class ReportFormat {

    /** Fixed width, so that a column of times lines up and sorts. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReportFormat() {
    }

    /** {@code 1234} ms as {@code 1.234 s}. */
    public static String duration(long millis) {
        return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    /** A duration that may be unknown, with what its absence means. */
    public static String duration(Long millis, String whenAbsent) {
        return millis == null ? whenAbsent : duration(millis);
    }

    /** {@code 99.5} as {@code 99.500 %}. */
    public static String percent(double value) {
        return String.format(Locale.ROOT, "%.3f %%", value);
    }

    /** ISO-8601 in UTC to the millisecond, the resolution of every time Faultline measures. */
    public static String instant(Instant instant, String whenAbsent) {
        if (instant == null) {
            return whenAbsent;
        }
        return INSTANT.format(instant);
    }

    /**
     * The resilience score with its parts, as docs/verdict.md writes it: {@code score 60 (objectives 2/3, checks 1/2,
     * 1 no data)}; the parts that do not apply (no checks, no NO_DATA) are left out.
     */
    public static String score(ResilienceScore score) {
        StringBuilder words = new StringBuilder("score ").append(score.score()).append(" (objectives ")
                .append(score.objectivesMet()).append('/').append(score.objectives());
        if (score.checks() > 0) {
            words.append(", checks ").append(score.checksMet()).append('/').append(score.checks());
        }
        if (score.noData() > 0) {
            words.append(", ").append(score.noData()).append(" no data");
        }
        if (!score.conditionsMet()) {
            words.append("; the verdict failed on a condition no objective or check measures");
        }
        return words.append(')').toString();
    }

    /** A measured value in its unit: {@code ms} as a duration, {@code percent} as a percentage. */
    public static String quantity(Double value, String unit, String whenAbsent) {
        if (value == null) {
            return whenAbsent;
        }
        return switch (unit) {
            case "ms" -> duration(Math.round(value));
            case "percent", "%" -> percent(value);
            default -> String.format(Locale.ROOT, "%.3f %s", value, unit);
        };
    }
}

package dev.faultline.cli.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the CLI writes instants, durations and measures: one place, so that every table and line agree. */
public final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter CLOCK_MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    /** The time of day, to the second: line stamps. */
    public static String clock(Instant instant, ZoneId zone) {
        return instant == null ? "-" : CLOCK.format(instant.atZone(zone));
    }

    /** The time of day to the millisecond: fault instants, which the verdict measures from. */
    public static String clockMillis(Instant instant, ZoneId zone) {
        return instant == null ? "-" : CLOCK_MILLIS.format(instant.atZone(zone));
    }

    public static String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? "-" : DATE_TIME.format(instant.atZone(zone));
    }

    /** Whole seconds, e.g. {@code 12 s}; negative durations count as zero. */
    public static String seconds(Duration duration) {
        return Math.max(0, duration.toSeconds()) + " s";
    }

    public static String millisAsSeconds(double millis) {
        return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    public static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f %%", value);
    }

    /** A measure in the unit the verdict gives it ({@code ms}, {@code percent}, or any other, shown as is). */
    public static String measure(double value, String unit) {
        return switch (unit == null ? "" : unit) {
            case "ms" -> millisAsSeconds(value);
            case "percent" -> percent(value);
            default -> (value == Math.rint(value) ? String.valueOf((long) value)
                    : String.format(Locale.ROOT, "%.3f", value)) + (unit == null || unit.isEmpty() ? "" : " " + unit);
        };
    }
}

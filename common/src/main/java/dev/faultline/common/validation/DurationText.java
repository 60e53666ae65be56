package dev.faultline.common.validation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in experiment files: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, an
 * optional leading minus (so that a negative value can be refused with a clear message rather than a parse
 * error), or ISO-8601 ({@code PT30S}).
 */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h)");

    private DurationText() {
    }

    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a duration is required, for example 30s or 250ms");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write for example 250ms, 30s, 5m or 1h");
        }
    }

    /** The shortest exact form: {@code 30s} rather than {@code 30000ms}, {@code 1500ms} rather than {@code 1.5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        long abs = Math.abs(ms);
        if (abs != 0 && abs % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (abs != 0 && abs % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (abs != 0 && abs % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}

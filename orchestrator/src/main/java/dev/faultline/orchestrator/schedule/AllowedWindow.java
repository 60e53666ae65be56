package dev.faultline.orchestrator.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.faultline.common.validation.Violation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a schedule may run, in its time zone: on {@code days} (e.g. {@code MON-FRI}, {@code MON,WED,FRI}; empty or
 * absent: every day) from {@code from} (inclusive) to {@code to} (exclusive), e.g. 09:00 to 17:00. A window does not
 * cross midnight: {@code to} is after {@code from}; a night shift is two windows.
 */
public record AllowedWindow(String days, String from, String to) {

    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    public AllowedWindow {
        days = days == null || days.isBlank() ? "MON-SUN" : days.strip().toUpperCase(Locale.ROOT);
    }

    /** What is wrong with this window, per field ({@code from}, {@code to}, {@code days}); empty when it is valid. */
    public List<Violation> problems() {
        List<Violation> problems = new java.util.ArrayList<Violation>();
        try {
            parseDays(days);
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("days", e.getMessage()));
        }
        Optional<LocalTime> start = time(from, "from", problems);
        Optional<LocalTime> end = time(to, "to", problems);
        if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
            problems.add(new Violation("to", "must be after from (" + from + "); a window does not cross midnight,"
                    + " give two windows for a night"));
        }
        return problems;
    }

    @JsonIgnore
    public Set<DayOfWeek> dayset() {
        return parseDays(days);
    }

    /** Whether {@code t} (in the schedule's zone) falls inside this window. */
    public boolean contains(ZonedDateTime t) {
        LocalTime time = t.toLocalTime();
        return dayset().contains(t.getDayOfWeek()) && !time.isBefore(LocalTime.parse(from))
                && time.isBefore(LocalTime.parse(to));
    }

    /** How long from {@code t}, which this window contains, until the window closes. */
    public Duration remainingAfter(ZonedDateTime t) {
        ZonedDateTime end = t.with(LocalTime.parse(to));
        return Duration.between(t, end);
    }

    private static Optional<LocalTime> time(String text, String field, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new Violation(field, "is required (HH:MM)"));
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(text.strip()));
        } catch (DateTimeParseException e) {
            problems.add(new Violation(field, "must be a time of day HH:MM (e.g. 09:00), was '" + text + "'"));
            return Optional.empty();
        }
    }

    /** {@code MON-FRI}, {@code SAT,SUN}, {@code MON,WED-FRI}. */
    static Set<DayOfWeek> parseDays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.strip().split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a day or a range of days");
            }
            int first = dayIndex(range[0]);
            int last = range.length == 2 ? dayIndex(range[1]) : first;
            if (last < first) {
                throw new IllegalArgumentException("'" + part.strip() + "' runs backwards; write e.g. MON-FRI");
            }
            for (int i = first; i <= last; i++) {
                days.add(DayOfWeek.of(i + 1));
            }
        }
        return days;
    }

    private static int dayIndex(String name) {
        int index = DAY_NAMES.indexOf(name.strip());
        if (index < 0) {
            throw new IllegalArgumentException("'" + name.strip() + "' is not a day: use MON, TUE, WED, THU, FRI, SAT,"
                    + " SUN, ranges (MON-FRI) and lists (SAT,SUN)");
        }
        return index;
    }
}

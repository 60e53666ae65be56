package dev.faultline.orchestrator.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A schedule's occurrences, computed without side effects: the next cron instant (read in the schedule's zone, so
 * "09:00" stays 09:00 across daylight-saving changes) that lies in an allowed window, and its start, delayed by a
 * random offset. The offset is drawn from a generator seeded by the schedule id and the occurrence instant, so every
 * instance and every restart computes the same start for the same occurrence, and a test can reproduce it.
 */
public final class OccurrenceCalendar {

    /** Quartz's flavour (seconds first, {@code ?} for "any day"): lets a schedule fire more than once a minute. */
    static final CronDefinition CRON_FLAVOUR = CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ);
    private static final CronParser PARSER = new CronParser(CRON_FLAVOUR);
    /**
     * Cron instants tried for one that lies in a window (skipping from a closed window straight to the next opening,
     * so a dense cron with a narrow window costs one try per opening); beyond that the schedule is taken to have
     * none.
     */
    static final int MAX_CANDIDATES = 10_000;

    private final String scheduleId;
    private final Timing timing;
    private final ZoneId zone;
    private final ExecutionTime cron;

    public OccurrenceCalendar(String scheduleId, Timing timing) {
        this.scheduleId = scheduleId;
        this.timing = timing;
        this.zone = ZoneId.of(timing.zone());
        this.cron = ExecutionTime.forCron(parse(timing.cron()));
    }

    /** The expression as a Quartz cron; {@link IllegalArgumentException} with the parser's reason if it is none. */
    public static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. '0 0 9 ? * MON-FRI' (Quartz: seconds first)");
        }
        Cron parsed = PARSER.parse(expression.strip());
        return parsed.validate();
    }

    /** The first occurrence whose cron instant is strictly after {@code after}; empty when there is none. */
    public Optional<Occurrence> firstAfter(Instant after) {
        // Whole seconds: cron-utils keeps the fraction of the instant it starts from ("* * * * * ?" after 10:00:00.6
        // gives 10:00:01.6), and an occurrence's instant is its identity.
        ZonedDateTime candidate = after.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Optional<ZonedDateTime> next = cron.nextExecution(candidate);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            candidate = next.get();
            Optional<Duration> room = roomInWindow(candidate);
            if (room.isPresent()) {
                return Optional.of(occurrenceAt(candidate, room.get()));
            }
            Optional<ZonedDateTime> opening = nextOpening(candidate);
            if (opening.isEmpty()) {
                return Optional.empty();
            }
            // A second before the opening: the next cron instant is the first at or after it.
            candidate = opening.get().minusSeconds(1);
        }
        return Optional.empty();
    }

    /** The earliest start of a window after {@code after}: windows repeat weekly, so a week ahead is enough. */
    private Optional<ZonedDateTime> nextOpening(ZonedDateTime after) {
        for (int day = 0; day <= 7; day++) {
            LocalDate date = after.toLocalDate().plusDays(day);
            Optional<ZonedDateTime> earliest = timing.windows().stream()
                    .filter(w -> w.dayset().contains(date.getDayOfWeek()))
                    .map(w -> date.atTime(LocalTime.parse(w.from())).atZone(zone))
                    .filter(open -> open.isAfter(after))
                    .min(Comparator.naturalOrder());
            if (earliest.isPresent()) {
                return earliest;
            }
        }
        return Optional.empty();
    }

    /**
     * How far the start may be moved from {@code nominal}: the rest of the widest window holding it (unbounded without
     * windows); empty when no window holds it.
     */
    private Optional<Duration> roomInWindow(ZonedDateTime nominal) {
        if (timing.windows().isEmpty()) {
            return Optional.of(timing.randomOffset());
        }
        return timing.windows().stream().filter(w -> w.contains(nominal)).map(w -> w.remainingAfter(nominal))
                .max(Comparator.naturalOrder());
    }

    private Occurrence occurrenceAt(ZonedDateTime nominal, Duration windowRoom) {
        Duration room = min(timing.randomOffset(), windowRoom);
        // Never past the next cron instant: occurrences stay in order and never overlap.
        Optional<ZonedDateTime> following = cron.nextExecution(nominal);
        if (following.isPresent()) {
            room = min(room, Duration.between(nominal, following.get()));
        }
        Instant at = nominal.toInstant();
        long offsetMillis = room.toMillis() <= 0 ? 0 : seeded(at).nextLong(room.toMillis());
        Instant startAt = at.plusMillis(offsetMillis);
        return new Occurrence(scheduleId, at, startAt, startAt.minus(timing.announceAhead()));
    }

    private SplittableRandom seeded(Instant occurrence) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scheduleId + "|" + occurrence).getBytes(StandardCharsets.UTF_8));
            return new SplittableRandom(ByteBuffer.wrap(digest).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

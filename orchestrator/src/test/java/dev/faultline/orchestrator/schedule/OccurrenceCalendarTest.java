package dev.faultline.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OccurrenceCalendarTest {

    /** A Wednesday. */
    static final Instant WED_1400 = Instant.parse("2026-12-02T14:00:05Z");

    static OccurrenceCalendar calendar(String cron, String zone, List<AllowedWindow> windows, Duration offset,
            Duration ahead) {
        return new OccurrenceCalendar("sch-test", new Timing(cron, zone, windows, offset, ahead));
    }

    @Test
    void aQuartzCronWithSecondsFiresEveryTwentySecondsAndIsAnnouncedAheadOfItsStart() {
        OccurrenceCalendar every20s = calendar("0/20 * * * * ?", "UTC", List.of(), Duration.ZERO,
                Duration.ofSeconds(5));

        Occurrence first = every20s.firstAfter(WED_1400).orElseThrow();
        Occurrence second = every20s.firstAfter(first.occurrence()).orElseThrow();

        assertThat(first.occurrence()).isEqualTo(Instant.parse("2026-12-02T14:00:20Z"));
        assertThat(first.startAt()).as("no random offset").isEqualTo(first.occurrence());
        assertThat(first.announceAt()).isEqualTo(Instant.parse("2026-12-02T14:00:15Z"));
        assertThat(second.occurrence()).as("strictly after the one given").isEqualTo(
                Instant.parse("2026-12-02T14:00:40Z"));
    }

    @Test
    void occurrencesAreWholeSecondsWhateverTheInstantTheyAreComputedFrom() {
        OccurrenceCalendar everySecond = calendar("* * * * * ?", "UTC", List.of(), Duration.ZERO, Duration.ZERO);

        assertThat(everySecond.firstAfter(Instant.parse("2026-12-02T14:00:05.618703371Z")).orElseThrow().occurrence())
                .isEqualTo(Instant.parse("2026-12-02T14:00:06Z"));
    }

    @Test
    void theCronIsReadInTheSchedulesZoneAcrossADaylightSavingChange() {
        OccurrenceCalendar nineInParis = calendar("0 0 9 ? * MON-FRI", "Europe/Paris", List.of(), Duration.ZERO,
                Duration.ZERO);

        // Friday 23 Oct 2026 after nine: the next is Monday 26 Oct, after the clocks went back (CEST -> CET).
        Occurrence monday = nineInParis.firstAfter(Instant.parse("2026-10-23T10:00:00Z")).orElseThrow();

        assertThat(monday.occurrence()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(monday.occurrence().atZone(ZoneId.of("Europe/Paris")).getHour()).isEqualTo(9);
        assertThat(nineInParis.firstAfter(Instant.parse("2026-10-22T10:00:00Z")).orElseThrow().occurrence())
                .as("before the change nine in Paris is seven UTC").isEqualTo(Instant.parse("2026-10-23T07:00:00Z"));
    }

    @Test
    void occurrencesOutsideTheAllowedWindowsAreNotOccurrences() {
        OccurrenceCalendar hourlyOnWorkingHours = calendar("0 0 * * * ?", "UTC",
                List.of(new AllowedWindow("MON-FRI", "09:00", "17:00")), Duration.ZERO, Duration.ZERO);

        // Friday 4 Dec 16:30: 17:00 is outside (the end is exclusive), the weekend too: Monday 09:00.
        assertThat(hourlyOnWorkingHours.firstAfter(Instant.parse("2026-12-04T16:30:00Z")).orElseThrow().occurrence())
                .isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(hourlyOnWorkingHours.firstAfter(Instant.parse("2026-12-07T09:00:00Z")).orElseThrow().occurrence())
                .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void aDenseCronWithANarrowWindowDaysAwayFindsItsNextOpening() {
        OccurrenceCalendar everySecondOnSaturdayMorning = calendar("* * * * * ?", "Europe/Paris",
                List.of(new AllowedWindow("SAT", "10:00", "10:05")), Duration.ZERO, Duration.ZERO);

        long started = System.nanoTime();
        Occurrence saturday = everySecondOnSaturdayMorning.firstAfter(WED_1400).orElseThrow();

        assertThat(saturday.occurrence()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(everySecondOnSaturdayMorning.firstAfter(Instant.parse("2026-12-05T09:04:59Z")).orElseThrow()
                .occurrence()).as("10:05 is closed: the next Saturday")
                .isEqualTo(Instant.parse("2026-12-12T09:00:00Z"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("skips closed hours, not second by second")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theRandomOffsetIsReproduciblePerOccurrenceAndStaysInsideTheWindow() {
        AllowedWindow workingHours = new AllowedWindow("MON-SUN", "09:00", "17:00");
        OccurrenceCalendar sixteenWithThreeHours = calendar("0 0 16 ? * *", "UTC", List.of(workingHours),
                Duration.ofHours(3), Duration.ofMinutes(10));
        OccurrenceCalendar sameAgain = calendar("0 0 16 ? * *", "UTC", List.of(workingHours), Duration.ofHours(3),
                Duration.ofMinutes(10));

        Instant after = WED_1400;
        boolean anyOffset = false;
        for (int day = 0; day < 60; day++) {
            Occurrence o = sixteenWithThreeHours.firstAfter(after).orElseThrow();
            assertThat(sameAgain.firstAfter(after)).as("same schedule, same occurrence: same start").contains(o);
            assertThat(o.startAt()).isBetween(o.occurrence(), o.occurrence().plus(Duration.ofHours(1)));
            assertThat(o.startAt()).as("before the window closes at 17:00").isBefore(
                    o.occurrence().plus(Duration.ofHours(1)));
            assertThat(o.announceAt()).isEqualTo(o.startAt().minus(Duration.ofMinutes(10)));
            anyOffset |= !o.startAt().equals(o.occurrence());
            after = o.occurrence();
        }
        assertThat(anyOffset).as("the offsets are drawn, not all zero").isTrue();
        assertThat(new OccurrenceCalendar("sch-other", new Timing("0 0 16 ? * *", "UTC", List.of(workingHours),
                Duration.ofHours(3), Duration.ZERO)).firstAfter(WED_1400).orElseThrow().startAt())
                .as("another schedule draws its own offset")
                .isNotEqualTo(sixteenWithThreeHours.firstAfter(WED_1400).orElseThrow().startAt());
    }

    @Test
    void anOffsetLongerThanTheCronIntervalNeverOvertakesTheNextOccurrence() {
        OccurrenceCalendar every20sAnHourLate = calendar("0/20 * * * * ?", "UTC", List.of(), Duration.ofHours(1),
                Duration.ZERO);
        Instant after = WED_1400;
        for (int i = 0; i < 50; i++) {
            Occurrence o = every20sAnHourLate.firstAfter(after).orElseThrow();
            assertThat(o.startAt()).isBefore(o.occurrence().plusSeconds(20));
            after = o.occurrence();
        }
    }

    @Test
    void aScheduleThatNeverFallsDueHasNoOccurrence() {
        assertThat(calendar("0 0 12 ? * *", "UTC", List.of(new AllowedWindow(null, "09:00", "10:00")),
                Duration.ZERO, Duration.ZERO).firstAfter(WED_1400)).isEqualTo(Optional.empty());
        assertThat(calendar("0 0 0 1 1 ? 2020", "UTC", List.of(), Duration.ZERO, Duration.ZERO)
                .firstAfter(WED_1400)).as("a year in the past").isEmpty();
    }

    @Test
    void notACronIsRefusedWithTheParsersReason() {
        assertThatThrownBy(() -> OccurrenceCalendar.parse("every minute")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OccurrenceCalendar.parse("* * * * *"))
                .as("Unix's five fields are not Quartz's").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OccurrenceCalendar.parse(" ")).hasMessageContaining("is required");
    }
}

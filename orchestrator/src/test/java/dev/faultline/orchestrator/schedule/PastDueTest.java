package dev.faultline.orchestrator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PastDueTest {

    static final Instant NOW = Instant.parse("2026-12-02T14:00:00Z");
    static final Duration TOLERANCE = Duration.ofSeconds(30);

    static Occurrence startingAt(Instant start) {
        return new Occurrence("sch-1", start, start, start);
    }

    @Test
    void nothingStartedMeansNothingToDo() {
        PastDue none = PastDue.of(List.of(), NOW, TOLERANCE, 20);
        assertThat(none.due()).isEmpty();
        assertThat(none.missed()).isEmpty();
    }

    @Test
    void anOccurrenceWithinTheToleranceRuns() {
        Occurrence justNow = startingAt(NOW.minusSeconds(1));
        Occurrence atTheLimit = startingAt(NOW.minus(TOLERANCE));

        assertThat(PastDue.of(List.of(justNow), NOW, TOLERANCE, 20).due()).contains(justNow);
        assertThat(PastDue.of(List.of(atTheLimit), NOW, TOLERANCE, 20).due()).contains(atTheLimit);
    }

    @Test
    void anOccurrenceLaterThanTheToleranceIsMissedNotRunLate() {
        Occurrence tooLate = startingAt(NOW.minus(TOLERANCE).minusMillis(1));

        PastDue pastDue = PastDue.of(List.of(tooLate), NOW, TOLERANCE, 20);

        assertThat(pastDue.due()).isEmpty();
        assertThat(pastDue.missed()).containsExactly(tooLate);
    }

    @Test
    void afterADowntimeOnlyTheLatestRunsAndEveryEarlierOneIsMissed() {
        List<Occurrence> fiveMinutesEvery20s = new ArrayList<>();
        for (int s = 300; s >= 0; s -= 20) {
            fiveMinutesEvery20s.add(startingAt(NOW.minusSeconds(s)));
        }

        PastDue pastDue = PastDue.of(fiveMinutesEvery20s, NOW, TOLERANCE, 20);

        assertThat(pastDue.due()).contains(startingAt(NOW));
        assertThat(pastDue.missed()).hasSize(15).doesNotContain(startingAt(NOW)).first()
                .isEqualTo(startingAt(NOW.minusSeconds(300)));
        assertThat(pastDue.notRecorded()).isZero();
    }

    @Test
    void aLongBacklogRecordsOnlyTheLatestMissedOnesAndCountsTheRest() {
        List<Occurrence> hundred = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            hundred.add(startingAt(NOW.minus(Duration.ofMinutes(i))));
        }

        PastDue pastDue = PastDue.of(hundred, NOW, TOLERANCE, 20);

        assertThat(pastDue.due()).isEmpty();
        assertThat(pastDue.missed()).hasSize(20).first().isEqualTo(startingAt(NOW.minus(Duration.ofMinutes(20))));
        assertThat(pastDue.notRecorded()).isEqualTo(80);
    }
}

package dev.faultline.common.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilienceScoreTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    static SloResult slo(String objective, SloStatus status) {
        return new SloResult(objective, "ms", 1, status == SloStatus.NO_DATA ? null : 1.0, status, "m");
    }

    static CheckResult check(String name, SloStatus status) {
        return new CheckResult(name, status, "seen", "m");
    }

    static RunVerdict verdict(Verdict verdict, List<SloResult> slos, List<CheckResult> checks) {
        return RunVerdict.of("run-1", "exp", verdict, List.of(), slos, List.of(), 250, null, null, checks, null, NOW);
    }

    @Test
    void everyObjectiveAndCheckMetScoresHundred() {
        ResilienceScore score = ResilienceScore.of(verdict(Verdict.PASS,
                List.of(slo("max-recovery-time", SloStatus.PASS), slo("min-availability", SloStatus.PASS)),
                List.of(check("circuit-breaker", SloStatus.PASS))));
        assertThat(score).isEqualTo(new ResilienceScore(100, 2, 2, 1, 1, 0, true));
    }

    /** The worked example of docs/verdict.md. */
    @Test
    void eachObjectiveAndCheckIsOnePointAndNoDataEarnsNone() {
        ResilienceScore score = ResilienceScore.of(verdict(Verdict.FAIL,
                List.of(slo("max-recovery-time", SloStatus.PASS), slo("min-availability", SloStatus.FAIL),
                        slo("max-error-rate", SloStatus.PASS)),
                List.of(check("circuit-breaker", SloStatus.PASS), check("retry-storm", SloStatus.NO_DATA))));
        assertThat(score.score()).isEqualTo(60);
        assertThat(score).isEqualTo(new ResilienceScore(60, 2, 3, 1, 2, 1, true));
    }

    @Test
    void roundsDownSoOnlyEverythingMetIsHundred() {
        List<SloResult> slos = new java.util.ArrayList<>();
        for (int i = 0; i < 199; i++) {
            slos.add(slo("o" + i, SloStatus.PASS));
        }
        slos.add(slo("last", SloStatus.FAIL));
        assertThat(ResilienceScore.of(verdict(Verdict.FAIL, slos, List.of())).score()).isEqualTo(99);
        assertThat(ResilienceScore.of(verdict(Verdict.FAIL, List.of(slo("a", SloStatus.PASS),
                slo("b", SloStatus.PASS), slo("c", SloStatus.FAIL)), List.of())).score()).isEqualTo(66);
    }

    @Test
    void aFailWithEverythingMetFailedOnItsConditionsAndScoresZero() {
        ResilienceScore score = ResilienceScore.of(verdict(Verdict.FAIL,
                List.of(slo("max-recovery-time", SloStatus.PASS)), List.of()));
        assertThat(score).isEqualTo(new ResilienceScore(0, 1, 1, 0, 0, 0, false));
    }

    @Test
    void aVerdictWithoutObjectivesOrChecksScoresByItsVerdict() {
        assertThat(ResilienceScore.of(verdict(Verdict.PASS, List.of(), List.of())).score()).isEqualTo(100);
        ResilienceScore failed = ResilienceScore.of(verdict(Verdict.FAIL, List.of(), List.of()));
        assertThat(failed.score()).isZero();
        assertThat(failed.conditionsMet()).isFalse();
    }

    @Test
    void nothingMetScoresZeroWithItsConditionsMet() {
        ResilienceScore score = ResilienceScore.of(verdict(Verdict.FAIL,
                List.of(slo("max-recovery-time", SloStatus.NO_DATA)), List.of(check("bulkhead", SloStatus.FAIL))));
        assertThat(score).isEqualTo(new ResilienceScore(0, 0, 1, 0, 1, 1, true));
    }
}

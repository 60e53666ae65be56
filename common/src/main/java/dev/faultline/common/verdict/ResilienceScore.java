package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.util.List;

/**
 * One number that summarises a verdict: the share of its objectives and checks that were met, 0 to 100. It never
 * replaces the figures: every part it was computed from is beside it, and reports show both. Defined in
 * docs/verdict.md ("Resilience score").
 *
 * <p>Each objective ({@link SloResult}) and each check ({@link CheckResult}) is worth one point, earned only by
 * {@code PASS}; {@code FAIL} and {@code NO_DATA} earn none, as NO_DATA fails the verdict too. The score is the
 * points earned over the points possible, times 100, rounded down, so 100 means everything was met. A {@code FAIL}
 * verdict whose objectives and checks were all met failed on something they cannot see (no fault took effect, the
 * steady state was not met before injection, the load test did not start, the run was aborted): it scores 0 and
 * {@code conditionsMet} is false, because nothing measured speaks for the system. A verdict without any objective
 * or check scores 100 for PASS and 0 for FAIL.
 *
 * @param score          0..100
 * @param objectivesMet  objectives with status PASS
 * @param objectives     all objectives of the verdict
 * @param checksMet      checks with status PASS
 * @param checks         all checks of the verdict
 * @param noData         objectives and checks with status NO_DATA (among those not met)
 * @param conditionsMet  false when the verdict failed although every objective and check was met
 */
public record ResilienceScore(int score, int objectivesMet, int objectives, int checksMet, int checks, int noData,
        boolean conditionsMet) {

    public ResilienceScore {
        Checks.start()
                .inRange(score, 0, 100, "score")
                .require(objectivesMet >= 0 && objectivesMet <= objectives, "objectivesMet",
                        "must be between 0 and objectives")
                .require(checksMet >= 0 && checksMet <= checks, "checksMet", "must be between 0 and checks")
                .require(noData >= 0 && noData <= objectives - objectivesMet + checks - checksMet, "noData",
                        "must be among the objectives and checks not met")
                .throwIfAny();
    }

    public static ResilienceScore of(RunVerdict verdict) {
        List<SloResult> slos = verdict.slos();
        List<CheckResult> checks = verdict.checks();
        int objectivesMet = (int) slos.stream().filter(SloResult::passed).count();
        int checksMet = (int) checks.stream().filter(CheckResult::passed).count();
        int noData = (int) (slos.stream().filter(s -> s.status() == SloStatus.NO_DATA).count()
                + checks.stream().filter(c -> c.status() == SloStatus.NO_DATA).count());
        int possible = slos.size() + checks.size();
        int earned = objectivesMet + checksMet;
        boolean failedOnConditions = verdict.verdict() == Verdict.FAIL && earned == possible;
        int score;
        if (failedOnConditions) {
            score = 0;
        } else if (possible == 0) {
            score = 100;
        } else {
            score = (int) Math.floorDiv(100L * earned, possible);
        }
        return new ResilienceScore(score, objectivesMet, slos.size(), checksMet, checks.size(), noData,
                !failedOnConditions);
    }
}

package dev.faultline.cli.verdict;

import dev.faultline.common.verdict.ResilienceScore;
import dev.faultline.common.verdict.RunVerdict;

/** The resilience score line of a verdict (docs/verdict.md), beside the counts it is computed from. */
final class Scores {

    private Scores() {
    }

    static String describe(RunVerdict verdict) {
        ResilienceScore score = ResilienceScore.of(verdict);
        String parts = score.objectivesMet() + " of " + score.objectives() + " objectives and " + score.checksMet()
                + " of " + score.checks() + " checks met" + (score.noData() == 0 ? "" : ", " + score.noData()
                + " without data");
        return "Resilience score: " + score.score() + "/100 (" + parts
                + (score.conditionsMet() ? "" : "; the run failed on a condition no objective measures") + ")";
    }
}

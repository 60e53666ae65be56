package dev.faultline.cli.verdict;

import dev.faultline.common.verdict.RunVerdict;

/** The resilience score line of a verdict (docs/verdict.md), with the counts it comes from. */
final class Scores {

    private Scores() {
    }

    static String describe(RunVerdict verdict) {
        int objectives = verdict.slos().size();
        int met = (int) verdict.slos().stream().filter(s -> s.passed()).count();
        int checks = verdict.checks().size();
        int checksMet = (int) verdict.checks().stream().filter(c -> c.status().name().equals("PASS")).count();
        return "Objectives met: " + met + " of " + objectives + ", checks met: " + checksMet + " of " + checks;
    }
}

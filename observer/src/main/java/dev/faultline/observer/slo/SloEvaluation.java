package dev.faultline.observer.slo;

import dev.faultline.common.verdict.SloResult;
import java.util.List;

/** The objectives as measured, and in words why any of them did not pass. */
public record SloEvaluation(List<SloResult> results, List<String> findings) {

    public SloEvaluation {
        results = List.copyOf(results);
        findings = List.copyOf(findings);
    }

    public boolean allPassed() {
        return results.stream().allMatch(SloResult::passed);
    }
}

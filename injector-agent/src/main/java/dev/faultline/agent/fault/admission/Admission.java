package dev.faultline.agent.fault.admission;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether an InjectFault may be carried out: its checks run in order and the first refusal wins, so a
 * command is told the most fundamental reason (a repeated command before a limit, opt-in before the target's state).
 * No check has a side effect beyond inspecting the target.
 */
public final class Admission {

    private final List<AdmissionCheck> checks;

    public Admission(List<AdmissionCheck> checks) {
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("an admission needs at least one check");
        }
        this.checks = List.copyOf(checks);
    }

    /** @return the first check's refusal, empty when every check lets the command through */
    public Optional<Refusal> refusal(Candidate candidate) {
        for (AdmissionCheck check : checks) {
            Optional<Refusal> refusal = check.check(candidate);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The checks' names in the order they run. */
    public List<String> names() {
        return checks.stream().map(AdmissionCheck::name).toList();
    }
}

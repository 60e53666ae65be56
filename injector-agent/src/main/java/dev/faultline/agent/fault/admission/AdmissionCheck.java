package dev.faultline.agent.fault.admission;

import dev.faultline.common.validation.Checks;
import java.util.Optional;
import java.util.function.Function;

/**
 * One reason an agent may decline an InjectFault, under a stable kebab-case name.
 *
 * @param name what is checked, e.g. {@code target-opted-in}
 * @param rule the refusal when the candidate fails the check, empty when it passes
 */
public record AdmissionCheck(String name, Function<Candidate, Optional<Refusal>> rule) {

    public AdmissionCheck {
        Checks.start().notBlank(name, "name").notNull(rule, "rule").throwIfAny();
    }

    public Optional<Refusal> check(Candidate candidate) {
        return rule.apply(candidate);
    }
}

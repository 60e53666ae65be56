package dev.faultline.common.capability;

import dev.faultline.common.validation.Checks;

/**
 * Whether something is available, and in words why or why not.
 *
 * @param detail what was found (a version) or why it is missing ("this kernel has no sch_netem")
 */
public record Capability(boolean available, String detail) {

    public Capability {
        Checks.start().notBlank(detail, "detail").throwIfAny();
    }

    public static Capability available(String detail) {
        return new Capability(true, detail);
    }

    public static Capability missing(String reason) {
        return new Capability(false, reason);
    }
}

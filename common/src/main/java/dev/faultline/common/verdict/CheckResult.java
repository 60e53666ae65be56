package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;

/**
 * One resilience or integrity check of a run: {@code circuit-breaker}, {@code retry-storm}, {@code bulkhead},
 * {@code data-integrity}.
 *
 * @param detail what was seen, in words (names what failed)
 * @param method how it was measured, with the resolution
 */
public record CheckResult(String name, SloStatus status, String detail, String method) {

    public CheckResult {
        Checks.start().notBlank(name, "name").notNull(status, "status").notBlank(detail, "detail")
                .notBlank(method, "method").throwIfAny();
    }

    public boolean passed() {
        return status == SloStatus.PASS;
    }
}

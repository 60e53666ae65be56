package dev.faultline.common.event;

import java.util.List;
import java.util.Optional;

/**
 * The names of the kinds of alert the reporter raises ({@code fail}, {@code abort}, {@code halt}, {@code skipped}):
 * what a schedule's {@code alertOn} may list, carried on {@link RunStarted} and {@link RunSkipped} so that the
 * reporter alerts on a scheduled run as its schedule says (docs/alerts.md). The reporter's {@code AlertKind} is the
 * same set.
 */
public final class AlertKinds {

    /** Every kind, in the order the docs list them. */
    public static final List<String> NAMES = List.of("fail", "abort", "halt", "skipped");

    private AlertKinds() {
    }

    /** What is wrong with a list of kinds ({@code null}: none given, fine), or empty when every name is known. */
    public static Optional<String> problem(List<String> kinds) {
        if (kinds == null) {
            return Optional.empty();
        }
        for (String kind : kinds) {
            if (kind == null || !NAMES.contains(kind)) {
                return Optional.of("'" + kind + "' is not a kind of alert; known: " + String.join(", ", NAMES));
            }
        }
        if (kinds.stream().distinct().count() != kinds.size()) {
            return Optional.of("names a kind twice: " + kinds);
        }
        return Optional.empty();
    }
}

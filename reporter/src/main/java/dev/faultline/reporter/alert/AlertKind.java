package dev.faultline.reporter.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an alert is about: a run judged FAIL ({@code run-verdict}), a run aborted ({@code run-aborted}), a run
 * aborted by a halt (a {@code run-aborted} whose reason says halted), or a schedule's occurrence that started no run
 * ({@code run-skipped}). Named in {@code faultline.alerts.on} and in every alert by its {@link #configName()}.
 */
public enum AlertKind {
    FAIL,
    ABORT,
    HALT,
    SKIPPED;

    /** {@code fail}, {@code abort}, {@code halt}, {@code skipped}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertKind parse(String name) {
        String wanted = name == null ? "" : name.trim();
        return Arrays.stream(values()).filter(k -> k.configName().equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown alert kind '" + name + "'; known: "
                        + Arrays.stream(values()).map(AlertKind::configName).collect(Collectors.joining(", "))));
    }
}
